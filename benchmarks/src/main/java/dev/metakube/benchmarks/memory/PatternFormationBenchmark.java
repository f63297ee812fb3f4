package dev.metakube.benchmarks.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.memory.EpmnProvider;
import dev.metakube.memory.index.VectorIndex;
import dev.metakube.spi.MemoryStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pattern formation (Algorithm 1) over 5,000 episodes drawn from 250 tight clusters (members at cosine ≈ 0.92,
 * above θ_sim = 0.85) in 384 dimensions: recording them all into an in-memory store, which forms and updates the
 * patterns as they arrive, against only adding the same vectors to an exact index (the baseline: no patterns).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PatternFormationBenchmark {
    private static final int N = 5_000;
    private float[][] vectors;

    @Setup(Level.Trial)
    public void data() {
        Vectors data = new Vectors(N, 5, 0.3f, 250);
        vectors = new float[N][];
        for (int i = 0; i < N; i++) {
            vectors[i] = data.next();
        }
    }

    /** Baseline: the vectors into an exact index, nothing else. */
    @Benchmark
    public int indexOnly() {
        VectorIndex index = new VectorIndex(Vectors.DIM, VectorIndex.Settings.exactOnly());
        for (float[] v : vectors) {
            index.add(v);
        }
        return index.size();
    }

    /** The episodes into the store: index, pattern formation and updates. Prints the patterns found. */
    @Benchmark
    public long recordWithPatterns() {
        try (MemoryStore store = new EpmnProvider().create(MetaKubeConfig.defaults())) {
            for (int i = 0; i < N; i++) {
                store.record(Episodes.episode(i), Episodes.embedding(vectors[i]));
            }
            long patterns = store.stats().patterns();
            if (patterns < 200) {
                throw new IllegalStateException("only " + patterns + " patterns from 250 planted clusters");
            }
            return patterns;
        }
    }
}
