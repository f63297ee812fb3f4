package dev.metakube.benchmarks.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Recall;
import dev.metakube.memory.EpmnProvider;
import dev.metakube.memory.index.Neighbours;
import dev.metakube.memory.index.VectorIndex;
import dev.metakube.spi.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The store as the engine uses it, 384-dimensional vectors: a full recall (index search, pattern mixing,
 * relevance) at {@code size} episodes against the bare exact scan of the same vectors, and the latency of
 * an acknowledged (journaled, fsynced) record against an in-memory record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
    @Param({"5000"})
    public int size;

    private MemoryStore memory;
    private MemoryStore durable;
    private Path dir;
    private VectorIndex exact;
    private float[][] queries;
    private Vectors writes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger(10_000_000);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Vectors data = new Vectors(size, 3);
        memory = new EpmnProvider().create(MetaKubeConfig.defaults());
        exact = new VectorIndex(Vectors.DIM, VectorIndex.Settings.exactOnly());
        for (int i = 0; i < size; i++) {
            float[] v = data.next();
            memory.record(Episodes.episode(i), Episodes.embedding(v));
            exact.add(v);
        }
        queries = new float[1000][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = data.next();
        }
        writes = new Vectors(size, 4);
        dir = Files.createTempDirectory("epmn-bench");
        durable = new EpmnProvider().create(MetaKubeConfig.builder().dataDir(dir).build());
        System.out.println("# " + memory.stats());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        memory.close();
        durable.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private float[] query() {
        return queries[Math.floorMod(next.getAndIncrement(), queries.length)];
    }

    /** Baseline: the exact scan alone. */
    @Benchmark
    public Neighbours exactScan() {
        return exact.searchExact(query(), 10);
    }

    /** A full EPMN recall of K = 10. */
    @Benchmark
    public Recall recall() {
        return memory.recall(Episodes.query(query()), 10);
    }

    /** An acknowledged record: journal append, group commit fsync, apply (index, patterns). One writer. */
    @Benchmark
    public void recordDurable() {
        int i = written.getAndIncrement();
        float[] v;
        synchronized (writes) {
            v = writes.next();
        }
        durable.record(Episodes.episode(i), Episodes.embedding(v));
    }

    /** The same with four concurrent writers sharing fsyncs (group commit). */
    @Benchmark
    @Threads(4)
    public void recordDurable4Threads() {
        recordDurable();
    }

    /** Baseline for records: in memory, no journal. */
    @Benchmark
    public void recordInMemory() {
        int i = written.getAndIncrement();
        float[] v;
        synchronized (writes) {
            v = writes.next();
        }
        memory.record(Episodes.episode(i), Episodes.embedding(v));
    }
}
