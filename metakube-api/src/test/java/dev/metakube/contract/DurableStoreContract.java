package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.Fsync;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash tests every durable store runs: acknowledged writes survive an abandoned store, a torn tail,
 * {@code kill -9} at a random moment (in a child JVM); a flipped bit fails loudly, naming the file, and leaves it
 * untouched; a failed fsync is never acknowledged. Extend it with a {@link Subject} over the store; the subclass
 * needs a no-argument constructor, as the kill loop builds one in the child JVM.
 */
public abstract class DurableStoreContract {
    private static final int KILL_ROUNDS = 4;

    @TempDir
    protected Path tmp;

    /** A store under test, reduced to keys written and found. */
    public interface Subject extends AutoCloseable {
        /** Stores {@code key}; returns once the store acknowledges it (it must then survive a crash). */
        void write(String key);

        /** Whether {@code key} is stored. */
        boolean contains(String key);

        @Override
        void close();
    }

    /** How the store keeps its data. */
    protected enum Layout {
        /** Records appended to log files; a crash can tear the last one. */
        APPEND_LOG,
        /** One file replaced as a whole; a crash can leave a torn temporary file beside it. */
        ATOMIC_FILE
    }

    /** Opens the store in {@code dir}, recovering what is there, forcing data with {@code fsync}. */
    protected abstract Subject open(Path dir, Fsync fsync);

    /** The files that hold the store's data in {@code dir}, oldest first. */
    protected abstract List<Path> dataFiles(Path dir) throws IOException;

    protected abstract Layout layout();

    /** Threads writing at once in the kill loop (1 unless the store is thread-safe). */
    protected int writerThreads() {
        return 1;
    }

    private static void writeAll(Subject s, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            s.write(prefix + i);
        }
    }

    private Path last(Path dir) throws IOException {
        List<Path> files = dataFiles(dir);
        assertFalse(files.isEmpty(), "the store wrote no data file in " + dir);
        return files.get(files.size() - 1);
    }

    @Test
    void acknowledgedWritesSurviveAnAbandonedStore() {
        Path dir = tmp.resolve("abandoned");
        Subject s = open(dir, Fsync.DEFAULT);
        writeAll(s, "k", 0, 30);
        // not closed: nothing is flushed at close, as after a crash
        try (Subject reopened = open(dir, Fsync.DEFAULT)) {
            for (int i = 0; i < 30; i++) {
                assertTrue(reopened.contains("k" + i), "acknowledged k" + i);
            }
            assertFalse(reopened.contains("never"));
        }
        s.close();
    }

    @Test
    void aTornTailLosesNothingAcknowledged() throws IOException {
        Path dir = tmp.resolve("torn");
        Subject s = open(dir, Fsync.DEFAULT);
        writeAll(s, "k", 0, 10);
        if (layout() == Layout.APPEND_LOG) {
            // the power went while the next record was being appended: only its first half reached the disk
            Path log = last(dir);
            long before = Files.size(log);
            s.write("torn");
            byte[] whole = Files.readAllBytes(log);
            assertTrue(whole.length > before, "the record went to the last data file");
            try (FileChannel ch = FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(before + (whole.length - before) / 2);
            }
        } else {
            // the power went while the next version was being written to its temporary file
            Path file = last(dir);
            byte[] whole = Files.readAllBytes(file);
            Files.write(file.resolveSibling(file.getFileName() + ".tmp"),
                    java.util.Arrays.copyOf(whole, whole.length / 2));
        }
        try (Subject reopened = open(dir, Fsync.DEFAULT)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(reopened.contains("k" + i), "acknowledged k" + i);
            }
            assertFalse(reopened.contains("torn"), "a record torn in half is not read as whole");
            reopened.write("after");
        }
        try (Subject reopened = open(dir, Fsync.DEFAULT)) {
            assertTrue(reopened.contains("after"), "the store keeps working after the torn tail");
            assertTrue(reopened.contains("k9"));
        }
        s.close();
    }

    @Test
    void aFlippedBitFailsLoudlyNamingTheFileAndLeavesItUntouched() throws IOException {
        Path dir = tmp.resolve("flipped");
        Subject s = open(dir, Fsync.DEFAULT);
        writeAll(s, "k", 0, 20);
        Path file = dataFiles(dir).get(0);
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 0x04;
        Files.write(file, data);
        StorageCorruptedException e = assertThrows(StorageCorruptedException.class, () -> open(dir, Fsync.DEFAULT));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), "names where: " + e.getMessage());
        assertArrayEquals(data, Files.readAllBytes(file), "the damaged file is left as it was");
        s.close();
    }

    @Test
    void aFailedFsyncIsNeverAcknowledged() {
        Path dir = tmp.resolve("fsync");
        AtomicBoolean fail = new AtomicBoolean();
        AtomicInteger forced = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Fsync flaky = new Fsync() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (fail.get()) {
                    refused.incrementAndGet();
                    throw new IOException("injected: EIO on fsync");
                }
                forced.incrementAndGet();
                channel.force(false);
            }

            @Override
            public void forceDirectory(Path d) throws IOException {
                if (fail.get()) {
                    refused.incrementAndGet();
                    throw new IOException("injected: EIO on directory fsync");
                }
                Fsync.DEFAULT.forceDirectory(d);
            }
        };
        Subject s = open(dir, flaky);
        writeAll(s, "k", 0, 5);
        assertTrue(forced.get() >= 5, "every acknowledged write was forced through the hook: " + forced.get());
        fail.set(true);
        assertThrows(MetaKubeException.class, () -> s.write("lost"), "a write whose fsync failed is not acknowledged");
        assertTrue(refused.get() > 0, "the store forced through the hook");
        fail.set(false);
        try {
            s.close();
        } catch (MetaKubeException e) {
            // closing a store after a failed fsync may report it again
        }
        try (Subject reopened = open(dir, Fsync.DEFAULT)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(reopened.contains("k" + i), "acknowledged k" + i);
            }
            reopened.write("again");
            assertTrue(reopened.contains("again"));
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(2026);
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), getClass().getName(), dir.toString(), String.valueOf(round),
                    String.valueOf(writerThreads()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long killAt = -1;
            boolean opened = false;
            int acksThisRound = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("OPEN")) {
                        opened = true;
                        killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(700));
                    } else if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                        acksThisRound++;
                    }
                    if (killAt > 0 && System.nanoTime() >= killAt && p.isAlive()) {
                        // SIGKILL: no shutdown hooks, no close(); keep reading what it printed before dying
                        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start();
                        assertEquals(0, kill.waitFor(), "kill -9");
                        killAt = Long.MAX_VALUE;
                    }
                }
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child exits after SIGKILL");
            assertTrue(opened, "round " + round + ": the child opened the store (exit " + p.exitValue() + ")");
            assertTrue(acksThisRound > 0, "round " + round + " acknowledged something");
        }
        try (Subject s = open(dir, Fsync.DEFAULT)) {
            List<String> missing = new ArrayList<>();
            for (String key : acknowledged) {
                if (!s.contains(key)) {
                    missing.add(key);
                }
            }
            assertTrue(missing.isEmpty(), missing.size() + " of " + acknowledged.size()
                    + " acknowledged writes lost, e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
    }

    /**
     * The process the kill loop kills: builds the contract subclass named in {@code args[0]}, opens its store in
     * {@code args[1]} (which also checks everything acknowledged in earlier rounds), then writes keys from
     * {@code args[3]} threads forever, printing {@code ACK <key>} after each write returns.
     */
    public static final class CrashChild {
        private CrashChild() {
        }

        public static void main(String[] args) throws Exception {
            Constructor<?> c = Class.forName(args[0]).getDeclaredConstructor();
            c.setAccessible(true);
            DurableStoreContract contract = (DurableStoreContract) c.newInstance();
            Subject s = contract.open(Path.of(args[1]), Fsync.DEFAULT);
            String round = args[2];
            int threads = Integer.parseInt(args[3]);
            PrintStream out = System.out;
            synchronized (out) {
                out.println("OPEN");
                out.flush();
            }
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int tt = t;
                ts[t] = new Thread(() -> {
                    for (int i = 0; ; i++) {
                        String key = "r" + round + "-t" + tt + "-" + i;
                        s.write(key);
                        synchronized (out) {
                            out.println("ACK " + key);
                            out.flush();
                        }
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
        }
    }
}
