package dev.metakube.benchmarks.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Recall;
import dev.metakube.memory.EpmnProvider;
import dev.metakube.memory.index.VectorIndex;
import dev.metakube.spi.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cold start: opening a durable store of {@code size} episodes (384 dimensions) from a snapshot plus a journal tail
 * of 1% of the records, and answering the first recall (exact, while the HNSW graph builds in the background).
 * The baseline reads the same number of vectors into an exact index from memory. The setup writes the data
 * directory once, through the public API with eight writers, copies it while the store is open (what a crash
 * leaves: snapshot + journal tail) and prints the heap per episode of the loaded store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdStartBenchmark {
    @Param({"100000"})
    public int size;

    private Path root;
    private Path image;
    private float[][] vectors;
    private float[] probe;

    @Setup(Level.Trial)
    public void write() throws Exception {
        root = Files.createTempDirectory("epmn-cold");
        Path live = root.resolve("live");
        int tail = Math.max(1, size / 100);
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(live)
                .property("metakube.memory.snapshotEvery", String.valueOf(size - tail))
                .property("metakube.memory.hnswThreshold", String.valueOf(Integer.MAX_VALUE)).build();
        Vectors data = new Vectors(size, 9);
        vectors = new float[size][];
        for (int i = 0; i < size; i++) {
            vectors[i] = data.next();
        }
        probe = data.next();
        long start = System.nanoTime();
        try (MemoryStore store = new EpmnProvider().create(config)) {
            int writers = 8;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int ww = w;
                Thread t = new Thread(() -> {
                    for (int i = ww; i < size; i += writers) {
                        store.record(Episodes.episode(i), Episodes.embedding(vectors[i]));
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            image = root.resolve("image");
            copy(live.resolve("memory"), image.resolve("memory"));
        }
        System.out.printf("# wrote %d episodes in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        MemoryStore loaded = open();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("# heap per episode: %d bytes (%d episodes, %d MiB)%n", (after - before) / size, size,
                (after - before) >> 20);
        loaded.close();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private MemoryStore open() throws IOException {
        Path run = root.resolve("run");
        if (Files.exists(run)) {
            delete(run);
        }
        copy(image.resolve("memory"), run.resolve("memory"));
        // exact only: the heap figure is the store without the HNSW graph (reported separately)
        return new EpmnProvider().create(MetaKubeConfig.builder().dataDir(run)
                .property("metakube.memory.hnswThreshold", String.valueOf(Integer.MAX_VALUE)).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        delete(root);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Open (snapshot + journal tail) and the first recall. The copy of the files is outside the timing. */
    @Benchmark
    public Recall openAndRecall(Copied copied) {
        MemoryStore store = new EpmnProvider().create(MetaKubeConfig.builder().dataDir(copied.dir).build());
        try {
            return store.recall(Episodes.query(probe), 10);
        } finally {
            copied.store = store;
        }
    }

    /** Baseline: the same vectors into an exact index from memory (no I/O, no parsing). */
    @Benchmark
    public int exactIndexFromMemory() {
        VectorIndex index = new VectorIndex(Vectors.DIM, VectorIndex.Settings.exactOnly());
        for (float[] v : vectors) {
            index.add(v);
        }
        return index.searchExact(probe, 10).size();
    }

    /** A fresh copy of the data directory for each cold start, made outside the measured time. */
    @State(Scope.Thread)
    public static class Copied {
        Path dir;
        MemoryStore store;

        @Setup(Level.Invocation)
        public void copy(ColdStartBenchmark b) throws IOException {
            Path run = b.root.resolve("run");
            if (Files.exists(run)) {
                delete(run);
            }
            ColdStartBenchmark.copy(b.image.resolve("memory"), run.resolve("memory"));
            dir = run;
        }

        @TearDown(Level.Invocation)
        public void close() {
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }
}
