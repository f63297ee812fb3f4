package dev.metakube.memory;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.memory.index.VectorIndex;
import java.time.Duration;

/**
 * The settings of an {@link EpmnStore}: the paper's (θ_sim, θ_pattern, K, τ_r, pool size) from
 * {@link MetaKubeConfig}, and the index and snapshot tuning from its properties
 * ({@code metakube.memory.hnswThreshold}, {@code metakube.memory.ef}, {@code metakube.memory.snapshotEvery},
 * {@link MetaKubeConfig#similarityScale()}).
 *
 * @param thetaSim      θ_sim, cosine for pattern membership
 * @param minMembers    θ_pattern, members a pattern needs
 * @param topK          K, the candidates gathered per memory type before mixing
 * @param recency       τ_r
 * @param poolSize      recent episodes that are candidates for a new pattern
 * @param index         vector index tuning
 * @param snapshotEvery journal records between snapshots
 * @param similarityScale σ_sim of the similarity {@code exp(−(1 − cos)/σ_sim)} in the relevance
 */
record EpmnSettings(double thetaSim, int minMembers, int topK, Duration recency, int poolSize,
                    VectorIndex.Settings index, int snapshotEvery, double similarityScale) {
    static final String HNSW_THRESHOLD = "metakube.memory.hnswThreshold";
    static final String EF = "metakube.memory.ef";
    static final String SNAPSHOT_EVERY = "metakube.memory.snapshotEvery";
    static final String SIMILARITY_SCALE = MetaKubeConfig.SIMILARITY_SCALE;

    EpmnSettings {
        if (snapshotEvery < 1) {
            throw new InvalidInputException(SNAPSHOT_EVERY, "must be positive, was " + snapshotEvery);
        }
        if (!(similarityScale > 0) || Double.isInfinite(similarityScale)) {
            throw new InvalidInputException(SIMILARITY_SCALE, "must be a positive number, was " + similarityScale);
        }
    }

    static EpmnSettings from(MetaKubeConfig c) {
        VectorIndex.Settings d = VectorIndex.Settings.DEFAULT;
        VectorIndex.Settings index = new VectorIndex.Settings(c.intProperty(HNSW_THRESHOLD, d.hnswThreshold(), 1), d.m(),
                d.efConstruction(), c.intProperty(EF, d.ef(), 1), d.buildThreads());
        return new EpmnSettings(c.similarityThreshold(), c.minPatternMembers(), c.topK(), c.recencyScale(),
                c.poolSize(), index, c.intProperty(SNAPSHOT_EVERY, 100_000, 1),
                c.similarityScale());
    }

    static EpmnSettings defaults() {
        return from(MetaKubeConfig.defaults());
    }

    EpmnSettings withIndex(VectorIndex.Settings s) {
        return new EpmnSettings(thetaSim, minMembers, topK, recency, poolSize, s, snapshotEvery, similarityScale);
    }

    EpmnSettings withSnapshotEvery(int n) {
        return new EpmnSettings(thetaSim, minMembers, topK, recency, poolSize, index, n, similarityScale);
    }
}
