package dev.metakube.memory;

import static dev.metakube.memory.Synthetic.emb;
import static dev.metakube.memory.Synthetic.episode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Category;
import dev.metakube.api.Outcome;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
    private static final int DIM = 32;

    @TempDir
    Path dir;

    /** Settings that never snapshot on their own, so that the journal holds everything. */
    private static EpmnSettings journalOnly() {
        return EpmnSettings.defaults().withSnapshotEvery(Integer.MAX_VALUE);
    }

    private static void fill(EpmnStore store, int from, int to, Random r) {
        for (int i = from; i < to; i++) {
            store.record(episode("e" + i, Category.values()[i % 6], "cause " + i, "fix " + i, Outcome.RESOLVED),
                    emb(Synthetic.unit(r, DIM)));
        }
    }

    private List<Path> journals() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /**
     * Abandons a store without {@code close()}: no snapshot is written, so the next open must recover from the
     * journal alone, as after a crash (the kill -9 loop in {@code CrashRecoveryIT} does it for real).
     */
    private static void crash(EpmnStore store) {
        assertTrue(store.stats().episodes() > 0);
    }

    @Test
    void aBatchIsOneFsyncAllOrNoneAndSurvivesAReopen() {
        Random r = new Random(3);
        AtomicInteger forces = new AtomicInteger();
        Fsync counting = new Fsync() {
            @Override
            public void force(FileChannel channel) throws IOException {
                forces.incrementAndGet();
                Fsync.DEFAULT.force(channel);
            }

            @Override
            public void forceDirectory(Path d) throws IOException {
                Fsync.DEFAULT.forceDirectory(d);
            }
        };
        List<dev.metakube.api.Episode> batch = new java.util.ArrayList<>();
        List<dev.metakube.api.Embedding> vectors = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(episode("b" + i, Category.values()[i % 6], "cause " + i, "fix " + i, Outcome.RESOLVED));
            vectors.add(emb(Synthetic.unit(r, DIM)));
        }
        try (EpmnStore store = EpmnStore.open(dir, journalOnly(), counting)) {
            int before = forces.get();
            store.recordAll(batch, vectors);
            assertEquals(before + 1, forces.get(), "one fsync for the whole batch");
            assertEquals(50, store.stats().episodes());
            crash(store);
            // a batch with one id already stored, or twice in itself, is refused whole
            List<dev.metakube.api.Episode> clash = List.of(
                    episode("new1", Category.IMAGE, "c", "f", Outcome.RESOLVED),
                    episode("b7", Category.IMAGE, "c", "f", Outcome.RESOLVED));
            List<dev.metakube.api.Embedding> two = List.of(emb(Synthetic.unit(r, DIM)), emb(Synthetic.unit(r, DIM)));
            assertThrows(dev.metakube.api.InvalidInputException.class, () -> store.recordAll(clash, two));
            List<dev.metakube.api.Episode> twice = List.of(
                    episode("new2", Category.IMAGE, "c", "f", Outcome.RESOLVED),
                    episode("new2", Category.IMAGE, "c", "f", Outcome.RESOLVED));
            assertThrows(dev.metakube.api.InvalidInputException.class, () -> store.recordAll(twice, two));
            assertEquals(50, store.stats().episodes());
            assertTrue(store.find("new1").isEmpty());
        }
        try (EpmnStore store = EpmnStore.open(dir, journalOnly())) {
            assertEquals(50, store.stats().episodes());
            assertEquals("cause 49", store.find("b49").orElseThrow().rootCause());
            assertTrue(store.find("new1").isEmpty() && store.find("new2").isEmpty());
        }
    }

    @Test
    void reopenRestoresEpisodesPatternsAndValuesFromSnapshotAndJournal() {
        Random r = new Random(1);
        float[] centre = Synthetic.unit(r, DIM);
        try (EpmnStore store = EpmnStore.open(dir, EpmnSettings.defaults().withSnapshotEvery(25))) {
            fill(store, 0, 40, r);
            for (int i = 0; i < 4; i++) {
                store.record(episode("p" + i, Category.NETWORK, "dns", "fix dns", Outcome.RESOLVED),
                        emb(Synthetic.around(centre, r, 0.2)));
            }
            store.reinforce("e3", true, Synthetic.NOW);
            store.reinforce("e4", false, Synthetic.NOW);
        }
        try (EpmnStore store = EpmnStore.open(dir, EpmnSettings.defaults())) {
            assertEquals(44, store.stats().episodes());
            assertEquals(1, store.stats().patterns());
            assertEquals(Synthetic.MODEL, store.stats().embeddingModel());
            assertTrue(store.find("e3").orElseThrow().reliability() > 0.5);
            assertTrue(store.find("e4").orElseThrow().reliability() < 0.5);
            assertTrue(store.patternOf("p3").isPresent());
            assertThrows(dev.metakube.api.InvalidInputException.class, () -> store.record(
                    episode("x", Category.IMAGE, "c", "f", Outcome.RESOLVED), new dev.metakube.api.Embedding("other",
                            Synthetic.unit(new Random(2), DIM))), "the model is remembered across restarts");
            store.record(episode("after", Category.IMAGE, "c", "f", Outcome.RESOLVED), emb(Synthetic.unit(r, DIM)));
        }
        try (EpmnStore store = EpmnStore.open(dir, EpmnSettings.defaults())) {
            assertEquals(45, store.stats().episodes());
            assertTrue(store.find("after").isPresent());
        }
    }

    @Test
    void anInterruptedCallerDoesNotBreakTheJournal() {
        Random r = new Random(5);
        try (EpmnStore store = EpmnStore.open(dir, journalOnly())) {
            fill(store, 0, 3, r);
            // NIO closes a channel used by an interrupted thread; the journal's own thread does the writing
            Thread.currentThread().interrupt();
            try {
                fill(store, 3, 6, r);
                assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt status is kept");
            } finally {
                Thread.interrupted();
            }
            fill(store, 6, 10, r);
            assertEquals(10, store.stats().episodes());
        }
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            assertEquals(10, reopened.stats().episodes(), "every acknowledged record, interrupted or not");
        }
    }

    @Test
    void journalOnlyRecoveryAfterACrash() throws IOException {
        Random r = new Random(2);
        EpmnStore store = EpmnStore.open(dir, journalOnly());
        fill(store, 0, 30, r);
        crash(store);
        assertTrue(Files.size(journals().get(0)) > 0);
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            assertEquals(30, reopened.stats().episodes());
        }
    }

    @Test
    void tornTailIsTruncatedAndEverythingBeforeItKept() throws IOException {
        Random r = new Random(3);
        EpmnStore store = EpmnStore.open(dir, journalOnly());
        fill(store, 0, 19, r);
        Path log = journals().get(0);
        long before = Files.size(log);
        fill(store, 19, 20, r);
        crash(store);
        // the power went while the next frame was being appended: its first half reached the disk
        byte[] whole = Files.readAllBytes(log);
        int frame = (int) (whole.length - before);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(whole, (int) before, frame / 2));
        }
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            assertEquals(20, reopened.stats().episodes());
            fill(reopened, 20, 25, r);
        }
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            assertEquals(25, reopened.stats().episodes());
        }
    }

    @Test
    void tornLastFrameWithBadChecksumIsTruncated() throws IOException {
        Random r = new Random(4);
        EpmnStore store = EpmnStore.open(dir, journalOnly());
        fill(store, 0, 10, r);
        crash(store);
        Path log = journals().get(0);
        byte[] data = Files.readAllBytes(log);
        data[data.length - 10] ^= 0x20; // inside the last frame: a partially persisted page
        Files.write(log, data);
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            assertEquals(9, reopened.stats().episodes(), "the last, torn record is dropped");
        }
    }

    @Test
    void flippedBitMidLogFailsLoudlyAndTouchesNothing() throws IOException {
        Random r = new Random(5);
        EpmnStore store = EpmnStore.open(dir, journalOnly());
        fill(store, 0, 20, r);
        crash(store);
        Path log = journals().get(0);
        byte[] data = Files.readAllBytes(log);
        data[data.length / 2] ^= 0x01;
        Files.write(log, data);
        StorageCorruptedException e = assertThrows(StorageCorruptedException.class,
                () -> EpmnStore.open(dir, journalOnly()));
        assertTrue(e.getMessage().contains(log.getFileName().toString()) && e.getMessage().contains("offset"),
                e.getMessage());
        assertEquals(data.length, Files.size(log), "the damaged file is left as it was");
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(log)));
    }

    @Test
    void corruptedSnapshotFailsLoudly() throws IOException {
        Random r = new Random(6);
        try (EpmnStore store = EpmnStore.open(dir, journalOnly())) {
            fill(store, 0, 10, r);
        }
        Path snap;
        try (Stream<Path> s = Files.list(dir)) {
            snap = s.filter(p -> p.getFileName().toString().endsWith(".snap")).findFirst().orElseThrow();
        }
        byte[] data = Files.readAllBytes(snap);
        data[data.length / 3] ^= 0x10;
        Files.write(snap, data);
        assertThrows(StorageCorruptedException.class, () -> EpmnStore.open(dir, journalOnly()));
    }

    @Test
    void failedFsyncIsNotAcknowledgedAndStopsWrites() {
        Random r = new Random(7);
        AtomicBoolean fail = new AtomicBoolean();
        AtomicInteger forced = new AtomicInteger();
        Fsync flaky = new Fsync() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (fail.get()) {
                    throw new IOException("injected: EIO on fsync");
                }
                forced.incrementAndGet();
                channel.force(false);
            }

            @Override
            public void forceDirectory(Path d) throws IOException {
                Fsync.DEFAULT.forceDirectory(d);
            }
        };
        EpmnStore store = EpmnStore.open(dir, journalOnly(), flaky);
        fill(store, 0, 5, r);
        assertTrue(forced.get() >= 5, "every acknowledged record was forced");
        fail.set(true);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> store.record(
                episode("lost", Category.IMAGE, "c", "f", Outcome.RESOLVED), emb(Synthetic.unit(r, DIM))));
        assertTrue(e.getMessage().contains("fsync"), e.getMessage());
        assertTrue(store.find("lost").isEmpty(), "an unacknowledged record is not visible");
        assertEquals(5, store.stats().episodes());
        fail.set(false);
        assertThrows(BackendUnavailableException.class, () -> store.record(
                episode("after", Category.IMAGE, "c", "f", Outcome.RESOLVED), emb(Synthetic.unit(r, DIM))),
                "after a failed fsync the journal refuses writes until reopened");
        assertThrows(BackendUnavailableException.class, () -> store.reinforce("e1", true, Synthetic.NOW));
        assertTrue(store.recall(Synthetic.query(Synthetic.unit(r, DIM)), 3).memories().size() > 0,
                "reads keep working");
        store.close();
        try (EpmnStore reopened = EpmnStore.open(dir, journalOnly())) {
            for (int i = 0; i < 5; i++) {
                assertTrue(reopened.find("e" + i).isPresent(), "acknowledged e" + i);
            }
            reopened.record(episode("again", Category.IMAGE, "c", "f", Outcome.RESOLVED), emb(Synthetic.unit(r, DIM)));
        }
    }

    @Test
    void concurrentWritersShareFsyncsAndLoseNothing() throws Exception {
        AtomicInteger forced = new AtomicInteger();
        Fsync counting = new Fsync() {
            @Override
            public void force(FileChannel channel) throws IOException {
                forced.incrementAndGet();
                channel.force(false);
            }

            @Override
            public void forceDirectory(Path d) throws IOException {
                Fsync.DEFAULT.forceDirectory(d);
            }
        };
        int threads = 8;
        int each = 40;
        try (EpmnStore store = EpmnStore.open(dir, journalOnly(), counting)) {
            int before = forced.get();
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int tt = t;
                ts[t] = new Thread(() -> {
                    Random r = new Random(tt);
                    for (int i = 0; i < each; i++) {
                        store.record(episode("t" + tt + "-" + i, Category.NETWORK, "c", "f", Outcome.RESOLVED),
                                emb(Synthetic.unit(r, DIM)));
                        store.recall(Synthetic.query(Synthetic.unit(r, DIM)), 5);
                        if (i % 5 == 0) {
                            store.reinforce("t" + tt + "-" + (i / 2), i % 10 == 0, Synthetic.NOW);
                        }
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(threads * each, store.stats().episodes());
            int fsyncs = forced.get() - before;
            assertTrue(fsyncs <= threads * each + threads * each / 5, "fsyncs " + fsyncs);
        }
        try (EpmnStore store = EpmnStore.open(dir, journalOnly())) {
            assertEquals(threads * each, store.stats().episodes());
        }
    }
}
