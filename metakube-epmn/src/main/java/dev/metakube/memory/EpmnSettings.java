package dev.metakube.memory;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.memory.index.VectorIndex;
import java.time.Duration;

/**
 * The settings of an {@link EpmnStore}: the paper's (θ_sim, θ_pattern, K, τ_r, pool size) from
 * {@link MetaKubeConfig}, and the index and snapshot tuning from its properties
 * ({@code metakube.memory.hnswThreshold}, {@code metakube.memory.ef}, {@code metakube.memory.snapshotEvery}).
 *
 * @param thetaSim      θ_sim, cosine for pattern membership
 * @param minMembers    θ_pattern, members a pattern needs
 * @param topK          K, the candidates gathered per memory type before mixing
 * @param recency       τ_r
 * @param poolSize      recent episodes that are candidates for a new pattern
 * @param index         vector index tuning
 * @param snapshotEvery journal records between snapshots
 */
record EpmnSettings(double thetaSim, int minMembers, int topK, Duration recency, int poolSize,
                    VectorIndex.Settings index, int snapshotEvery) {
    static final String HNSW_THRESHOLD = "metakube.memory.hnswThreshold";
    static final String EF = "metakube.memory.ef";
    static final String SNAPSHOT_EVERY = "metakube.memory.snapshotEvery";

    EpmnSettings {
        if (snapshotEvery < 1) {
            throw new InvalidInputException(SNAPSHOT_EVERY, "must be positive, was " + snapshotEvery);
        }
    }

    static EpmnSettings from(MetaKubeConfig c) {
        VectorIndex.Settings d = VectorIndex.Settings.DEFAULT;
        VectorIndex.Settings index = new VectorIndex.Settings(intProperty(c, HNSW_THRESHOLD, d.hnswThreshold()), d.m(),
                d.efConstruction(), intProperty(c, EF, d.ef()), d.buildThreads());
        return new EpmnSettings(c.similarityThreshold(), c.minPatternMembers(), c.topK(), c.recencyScale(),
                c.poolSize(), index, intProperty(c, SNAPSHOT_EVERY, 100_000));
    }

    static EpmnSettings defaults() {
        return from(MetaKubeConfig.defaults());
    }

    EpmnSettings withIndex(VectorIndex.Settings s) {
        return new EpmnSettings(thetaSim, minMembers, topK, recency, poolSize, s, snapshotEvery);
    }

    EpmnSettings withSnapshotEvery(int n) {
        return new EpmnSettings(thetaSim, minMembers, topK, recency, poolSize, index, n);
    }

    private static int intProperty(MetaKubeConfig c, String key, int fallback) {
        String v = c.property(key).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new InvalidInputException(key, "must be a positive integer, was '" + v + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be a positive integer, was '" + v + "'");
        }
    }
}
