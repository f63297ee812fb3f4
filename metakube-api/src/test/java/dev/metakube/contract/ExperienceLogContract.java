package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.spi.ExperienceLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ExperienceLog} must have. {@link #openLog()} is called more than once per test:
 * every log it returns must share one empty store, as several engines do.
 */
public abstract class ExperienceLogContract {
    /** A log on the store of the current test (the same store for every call within one test). */
    protected abstract ExperienceLog openLog();

    private static byte[] json(String v) {
        return ("{\"v\": \"" + v + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsComeBackInSequenceWithTheirPayloadAndVector() {
        try (ExperienceLog log = openLog()) {
            long a = log.append("a", "me", json("first"), new float[] {1f, 0.5f});
            long b = log.append("b", "me", json("second"), null);
            assertTrue(a > 0 && b > a, a + " then " + b);
            List<ExperienceLog.Entry> all = log.readAfter(0, 10);
            assertEquals(List.of(a, b), all.stream().map(ExperienceLog.Entry::seq).toList());
            assertEquals("me", all.get(0).origin());
            assertTrue(new String(all.get(0).payload(), StandardCharsets.UTF_8).contains("first"));
            assertArrayEquals(new float[] {1f, 0.5f}, all.get(0).embedding());
            assertNull(all.get(1).embedding());
            assertEquals(List.of(b), log.readAfter(a, 10).stream().map(ExperienceLog.Entry::seq).toList());
            assertEquals(1, log.readAfter(0, 1).size(), "the limit holds");
        }
    }

    @Test
    void aKeyIsRecordedOnceWhoeverSendsIt() {
        try (ExperienceLog one = openLog(); ExperienceLog two = openLog()) {
            long first = one.append("same", "one", json("x"), null);
            assertEquals(first, two.append("same", "two", json("y"), null));
            assertEquals(1, two.readAfter(0, 10).size());
        }
    }

    @Test
    void concurrentAppendsAreAllReadAndEachOnce() throws Exception {
        try (ExperienceLog one = openLog(); ExperienceLog two = openLog()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Long>> seqs = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    ExperienceLog log = i % 2 == 0 ? one : two;
                    String key = "k" + i;
                    seqs.add(pool.submit(() -> log.append(key, "t", json(key), null)));
                }
                Set<Long> written = new HashSet<>();
                for (Future<Long> f : seqs) {
                    written.add(f.get());
                }
                assertEquals(40, written.size());
                List<Long> read = new ArrayList<>();
                long cursor = 0;
                for (List<ExperienceLog.Entry> page; !(page = one.readAfter(cursor, 7)).isEmpty(); ) {
                    for (ExperienceLog.Entry e : page) {
                        assertTrue(e.seq() > cursor, "in order");
                        read.add(e.seq());
                        cursor = e.seq();
                    }
                }
                assertEquals(written, new HashSet<>(read));
                assertEquals(40, read.size());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFollowerIsWokenWhenAnotherLogAppends() throws Exception {
        try (ExperienceLog writer = openLog(); ExperienceLog reader = openLog()) {
            LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
            long[] cursor = {0};
            reader.follow(() -> {
                for (ExperienceLog.Entry e : reader.readAfter(cursor[0], 100)) {
                    seen.add(e.seq());
                    cursor[0] = e.seq();
                }
            });
            long seq = writer.append("w", "w", json("w"), null);
            assertEquals(seq, seen.poll(30, TimeUnit.SECONDS));
        }
    }
}
