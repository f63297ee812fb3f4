package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CausalGraph} of Kubernetes failures must have. Extend it and implement
 * {@link #createGraph()}; each test gets a fresh graph with the implementation's base knowledge.
 */
public abstract class CausalGraphContract {
    protected CausalGraph graph;
    protected EvidenceAnalyzer analyzer;

    /** A fresh graph with the implementation's base (curated) knowledge and nothing learned. */
    protected abstract CausalGraph createGraph();

    /** An analyzer whose signals speak the graph's vocabulary. */
    protected abstract EvidenceAnalyzer createAnalyzer();

    @BeforeEach
    void open() {
        graph = createGraph();
        analyzer = createAnalyzer();
    }

    @AfterEach
    void close() {
        graph.close();
        analyzer.close();
    }

    private List<CausalChain> explore(Incident incident) {
        EvidenceAnalysis a = analyzer.analyze(incident);
        return graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
    }

    @Test
    void oomKilledLeadsToAResourceCause() {
        EvidenceAnalysis a = analyzer.analyze(Fixtures.oomIncident());
        assertFalse(a.signals().isEmpty(), "an OOMKilled describe yields signals");
        List<CausalChain> chains = graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
        assertFalse(chains.isEmpty());
        assertEquals(Category.RESOURCE, chains.get(0).category());
        for (int i = 1; i < chains.size(); i++) {
            assertTrue(chains.get(i - 1).score() >= chains.get(i).score(), "best first");
        }
        assertTrue(chains.size() <= 5);
        assertFalse(chains.get(0).remediation().isEmpty(), "a chain says how to fix its cause");
    }

    @Test
    void imagePullFailureLeadsToAnImageCause() {
        List<CausalChain> chains = explore(Fixtures.imagePullIncident());
        assertFalse(chains.isEmpty());
        assertEquals(Category.IMAGE, chains.get(0).category());
    }

    @Test
    void emptySignalsDoNotThrow() {
        assertTrue(graph.explore(new Exploration(List.of(), List.of(), 3, 5)).size() <= 5);
    }

    @Test
    void learnsACauseItLacked() {
        Signal s = new Signal("vendor-license-expired", SignalKind.ERROR_PHRASE, "license expired",
                "ERROR license expired for acme-agent", 1.0);
        String cause = "The acme monitoring agent's license expired, so its admission hook rejects pods";
        graph.learn(new GraphLesson(List.of(s), "", true, Category.CONFIGURATION, cause,
                "Renew the acme license secret"));
        List<CausalChain> chains = graph.explore(new Exploration(List.of(s), List.of(), 3, 5));
        assertTrue(chains.stream().anyMatch(c -> c.rootCause().equals(cause)), chains.toString());
        assertTrue(graph.stats().learnedEdges() > 0);
    }

    @Test
    void statsCoverEveryCategory() {
        for (Category c : Category.values()) {
            assertTrue(graph.stats().causes().getOrDefault(c, 0) > 0, "no cause in " + c);
        }
        assertTrue(graph.stats().edges() > 0);
    }
}
