package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.ConfidenceFactors;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.Outcome;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Memory recalled by fault, not by look. */
class FaultSignatureTest {
    private static Episode episode(String id, List<String> keys) {
        return new Episode(id, "pods fail", ClusterContext.EMPTY, keys, Category.CONFIGURATION, "cause " + id, "",
                List.of(), Outcome.RESOLVED, Instant.EPOCH, 0.9);
    }

    private static EvidenceAnalysis analysis(String... keys) {
        List<Signal> signals = new java.util.ArrayList<>();
        for (String k : keys) {
            signals.add(new Signal(k, k.startsWith("object:") ? SignalKind.OBJECT : SignalKind.REASON, "v", "", 1));
        }
        return new EvidenceAnalysis(Incident.builder().id("i").symptoms("pods fail").build(), signals, List.of());
    }

    @Test
    void namesAreNotPartOfTheSignature() {
        assertEquals(Set.of("reason:createcontainerconfigerror"),
                FaultSignature.of(List.of("reason:createcontainerconfigerror", "object:secret", "object:pod")));
        assertEquals(1.0, FaultSignature.agreement(Set.of("a", "b"), Set.of("b", "a")));
        assertEquals(FaultSignature.DISJOINT, FaultSignature.agreement(Set.of("a"), Set.of("b")));
        assertEquals(FaultSignature.BOTH_EMPTY, FaultSignature.agreement(Set.of(), Set.of()));
    }

    @Test
    void aLookalikeOfAnotherFaultFallsBehindTheSameFault() {
        ConfidenceFactors f = new ConfidenceFactors(0.95, 1, 0.9, 0.25);
        ScoredMemory lookalike = new ScoredMemory(episode("other", List.of("reason:oomkilled")), 0.95, 0.8, f);
        ConfidenceFactors g = new ConfidenceFactors(0.8, 1, 0.9, 0.25);
        ScoredMemory same = new ScoredMemory(episode("same", List.of("reason:createcontainerconfigerror",
                "object:secret")), 0.8, 0.6, g);
        Recall r = FaultSignature.weigh(new Recall(List.of(lookalike, same), 0.05),
                analysis("reason:createcontainerconfigerror", "object:secret"));
        assertEquals("same", r.memories().get(0).memory().id());
        assertEquals(0.8, r.memories().get(0).factors().similarity(), 1e-9);
        // the same fault in another namespace is fully compatible; the other fault's similarity is cut down
        assertEquals(1.0, r.memories().get(0).factors().contextCompatibility(), 1e-9);
        assertTrue(r.memories().get(1).factors().similarity() < 0.1);
    }
}
