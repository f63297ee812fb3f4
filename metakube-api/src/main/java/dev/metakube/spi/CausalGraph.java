package dev.metakube.spi;

import dev.metakube.api.CausalChain;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import java.util.List;

/**
 * Causal knowledge of Kubernetes failures (the paper's KubeGraph). It owns the symptom vocabulary, so it also
 * turns an incident's raw evidence into signals. Implementations are thread-safe.
 */
public interface CausalGraph extends AutoCloseable {
    /**
     * Evidence analysis: redacts secrets, bounds the input (and says so), and extracts signals from text and
     * manifests. Never throws on odd text; throws {@link dev.metakube.api.InvalidInputException} only for input
     * it cannot read at all.
     */
    EvidenceAnalysis analyze(Incident incident);

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
