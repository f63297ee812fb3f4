package dev.metakube.spi;

import dev.metakube.api.CausalChain;
import java.util.List;

/**
 * Causal knowledge of Kubernetes failures (the paper's KubeGraph). Signals come from an {@link EvidenceAnalyzer}, a
 * separate backend. Implementations are thread-safe.
 */
public interface CausalGraph extends AutoCloseable {
    /**
     * Memory-biased search (paper eq. 5, 16) from the signals towards root causes, at most
     * {@link Exploration#maxHops()} hops; chains best first.
     */
    List<CausalChain> explore(Exploration exploration);

    /** Strengthens, weakens or extends the graph from a confirmed or refuted diagnosis. */
    void learn(GraphLesson lesson);

    /** Size of the graph. */
    GraphStats stats();

    @Override
    void close();
}
