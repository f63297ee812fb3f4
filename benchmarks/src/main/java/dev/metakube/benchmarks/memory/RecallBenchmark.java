package dev.metakube.benchmarks.memory;

import dev.metakube.memory.index.Neighbours;
import dev.metakube.memory.index.VectorIndex;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Top-10 recall over 384-dimensional vectors: the HNSW graph (hnswlib, M 16, efConstruction 200, ef as
 * parameter) against the exact SIMD scan, in the same run. The setup prints recall@10 of the graph against the
 * exact scan over 1,000 held-out queries for ef 10 to 320, and the build time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecallBenchmark {
    @Param({"5000", "100000"})
    public int size;

    @Param({"160"})
    public int ef;

    /** Whether to build the HNSW graph (false: exact scan only, for sizes where the build is too long here). */
    @Param({"true"})
    public boolean graph;

    private VectorIndex index;
    private float[][] queries;
    private int next;

    /**
     * Indexes already built in this JVM, by size: with {@code -f 0} both methods share one build (building HNSW
     * at 100k on two cores takes minutes; JMH would otherwise build it once per method).
     */
    private static final java.util.Map<String, Object[]> BUILT = new java.util.HashMap<>();

    @Setup(Level.Trial)
    public void build() {
        String key = size + "/" + graph;
        Object[] cached = BUILT.get(key);
        if (cached != null) {
            index = (VectorIndex) cached[0];
            queries = (float[][]) cached[1];
            index.ef(ef);
            return;
        }
        Vectors data = new Vectors(size, 7);
        int threads = Runtime.getRuntime().availableProcessors();
        index = new VectorIndex(Vectors.DIM, new VectorIndex.Settings(graph ? size : Integer.MAX_VALUE, 16, 200, ef,
                threads));
        long start = System.nanoTime();
        for (int i = 0; i < size; i++) {
            index.add(data.next());
        }
        index.awaitGraph();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        queries = new float[1000][];
        Vectors held = new Vectors(size, 7);
        for (int i = 0; i < size; i++) {
            held.next(); // the same mixture, then vectors that are not in the index
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = held.next();
        }
        StringBuilder line = new StringBuilder("# size=" + size + " build=" + String.format("%.1f", buildSeconds)
                + "s (" + threads + " threads) recall@10:");
        for (int e : graph ? new int[] {10, 40, 80, 160, 320} : new int[0]) {
            index.ef(e);
            line.append(String.format(" ef%d=%.4f", e, recallAt10()));
        }
        index.ef(ef);
        System.out.println(line);
        BUILT.put(key, new Object[] {index, queries});
    }

    private double recallAt10() {
        int hits = 0;
        for (float[] q : queries) {
            Set<Integer> exact = new HashSet<>();
            for (int o : index.searchExact(q, 10).ordinals()) {
                exact.add(o);
            }
            for (int o : index.search(q, 10).ordinals()) {
                if (exact.contains(o)) {
                    hits++;
                }
            }
        }
        return hits / (10.0 * queries.length);
    }

    private float[] query() {
        float[] q = queries[next];
        next = (next + 1) % queries.length;
        return q;
    }

    /** The baseline: exact top-10 by a full scan. */
    @Benchmark
    public Neighbours exactScan() {
        return index.searchExact(query(), 10);
    }

    /** The HNSW graph's top-10. */
    @Benchmark
    public Neighbours hnsw() {
        if (!index.approximate()) {
            throw new IllegalStateException("no graph: run with -p graph=true");
        }
        return index.search(query(), 10);
    }
}
