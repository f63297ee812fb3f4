package dev.metakube.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.MemoryStoreProvider;

/**
 * The default {@link MemoryStore}: the Episodic Pattern Memory Network, name {@code epmn}, priority 100. With
 * {@link MetaKubeConfig#dataDir()} unset it keeps everything in memory; otherwise it is durable under
 * {@code dataDir/memory} (journal and snapshots). Uses the configuration's θ_sim, θ_pattern, K, τ_r and pool
 * size; the properties {@code metakube.memory.hnswThreshold}, {@code metakube.memory.ef} and
 * {@code metakube.memory.snapshotEvery} tune the index and the snapshots, and
 * {@link MetaKubeConfig#similarityScale()} (σ_sim, default 0.1) how sharply the similarity
 * {@code exp(−(1 − cos)/σ_sim)} its relevance ranks by falls with distance.
 */
public final class EpmnProvider implements MemoryStoreProvider {
    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public EpmnProvider() {
    }

    @Override
    public String name() {
        return "epmn";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public MemoryStore create(MetaKubeConfig config) {
        EpmnSettings settings = EpmnSettings.from(config);
        return EpmnStore.open(config.dataDir() == null ? null : config.dataDir().resolve("memory"), settings);
    }
}
