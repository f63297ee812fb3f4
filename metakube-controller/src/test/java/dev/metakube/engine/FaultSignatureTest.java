package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.TrustFactors;
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
        TrustFactors f = new TrustFactors(0.95, 1, 0.9, 0.25);
        ScoredMemory lookalike = ScoredMemory.of(episode("other", List.of("reason:oomkilled")), 0.95, 0.8);
        TrustFactors g = new TrustFactors(0.8, 1, 0.9, 0.25);
        ScoredMemory same = ScoredMemory.of(episode("same", List.of("reason:createcontainerconfigerror",
                "object:secret")), 0.8, 0.6);
        FactoredRecall r = FaultSignature.weigh(new FactoredRecall(new Recall(List.of(lookalike, same), 0.05),
                List.of(f, g)), analysis("reason:createcontainerconfigerror", "object:secret"));
        assertEquals("same", r.recall().memories().get(0).memory().id());
        assertEquals(0.6, r.recall().memories().get(0).relevance(), 1e-9, "the same fault keeps its relevance");
        assertEquals(0.05, r.recall().novelty(), 1e-12);
        // the factors follow their memories into the new order
        assertEquals(0.8, r.factors().get(0).similarity(), 1e-9);
        assertEquals(r.factors().get(0), r.best());
        // the same fault in another namespace is fully compatible; the other fault's similarity is cut down
        assertEquals(1.0, r.factors().get(0).contextCompatibility(), 1e-9);
        assertEquals("other", r.recall().memories().get(1).memory().id());
        assertTrue(r.factors().get(1).similarity() < 0.1);
        assertEquals(0.8 * FaultSignature.DISJOINT, r.recall().memories().get(1).relevance(), 1e-9);
    }

    private static RouteDecision fast() {
        return new RouteDecision(Pathway.INTUITIVE, 0.9, 0.5, new TrustFactors(0.9, 1, 0.9, 1));
    }

    private static Recall recallOf(Episode e) {
        return new Recall(List.of(ScoredMemory.of(e, 0.9, 0.9)), 0.1);
    }

    @Test
    void memoryAnswersAloneOnlyForAResolvedFaultWithTheSameSignature() {
        EvidenceAnalysis incident = analysis("reason:createcontainerconfigerror", "secret-not-found", "object:secret");
        Episode same = episode("same", List.of("reason:createcontainerconfigerror", "secret-not-found"));
        assertEquals(Pathway.INTUITIVE, FaultSignature.fastOnlyOnMatch(fast(), recallOf(same), incident).pathway());

        Episode lookalike = episode("lookalike", List.of("reason:createcontainerconfigerror", "configmap-not-found"));
        assertEquals(Pathway.ANALYTICAL,
                FaultSignature.fastOnlyOnMatch(fast(), recallOf(lookalike), incident).pathway());
        Episode unresolved = new Episode("unresolved", "pods fail", ClusterContext.EMPTY, same.signalKeys(),
                Category.CONFIGURATION, "cause", "", List.of(), Outcome.UNRESOLVED, Instant.EPOCH, 0.3);
        assertEquals(Pathway.ANALYTICAL,
                FaultSignature.fastOnlyOnMatch(fast(), recallOf(unresolved), incident).pathway());
        // nothing found in either: nothing says it is the same fault
        Episode blank = episode("blank", List.of());
        assertEquals(Pathway.ANALYTICAL,
                FaultSignature.fastOnlyOnMatch(fast(), recallOf(blank), analysis("object:pod")).pathway());
        // the router's trust score is kept whatever the pathway
        assertEquals(0.9, FaultSignature.fastOnlyOnMatch(fast(), recallOf(lookalike), incident).trustScore());
    }

    @Test
    void memoryOfAnotherFaultIsBoundedByItsAgreementWhateverTheRouterLearned() {
        Set<String> incident = Set.of("reason:createcontainerconfigerror", "secret-not-found");
        assertEquals(1.0, FaultSignature.bound(incident, episode("same", List.copyOf(incident))));
        double other = FaultSignature.bound(incident,
                episode("other", List.of("reason:createcontainerconfigerror", "configmap-not-found")));
        assertEquals(1.0 / 3, other, 1e-9);
        assertEquals(FaultSignature.DISJOINT, FaultSignature.bound(incident, episode("x", List.of("oomkilled"))));
    }

    @Test
    void aCauseWithAGapIsNeverAnsweredByMemoryAlone() {
        String text = "secret \"ledger-secrets\" not found\nfin\nledger";
        Episode bound = new Episode("e", "pods fail", ClusterContext.EMPTY, List.of("k"), Category.CONFIGURATION,
                "The Secret ledger-secrets does not exist", "", List.of(), Outcome.RESOLVED, Instant.EPOCH, 0.9);
        assertEquals(Pathway.INTUITIVE, Diagnoser.completeOnly(fast(), recallOf(bound), text).pathway());
        Episode gap = new Episode("e", "pods fail", ClusterContext.EMPTY, List.of("k"), Category.CONFIGURATION,
                "The Secret " + CauseTemplate.unbound("secret") + " does not exist", "", List.of(), Outcome.RESOLVED,
                Instant.EPOCH, 0.9);
        assertEquals(Pathway.ANALYTICAL, Diagnoser.completeOnly(fast(), recallOf(gap), text).pathway());
        Episode foreign = new Episode("e", "pods fail", ClusterContext.EMPTY, List.of("k"), Category.CONFIGURATION,
                "The Secret cart-credentials does not exist", "", List.of(), Outcome.RESOLVED, Instant.EPOCH, 0.9);
        assertEquals(Pathway.ANALYTICAL, Diagnoser.completeOnly(fast(), recallOf(foreign), text).pathway());
    }

    @Test
    void aCauseThatStatesAQuantityTheIncidentDoesNotShowIsNeverAnsweredByMemoryAlone() {
        String text = "0/3 nodes are available: 3 Insufficient memory\nrequests:\n  memory: 3Gi";
        Episode same = new Episode("e", "pods pending", ClusterContext.EMPTY, List.of("k"), Category.SCHEDULING,
                "The pod requests 3Gi of memory, more than any node has allocatable", "", List.of(),
                Outcome.RESOLVED, Instant.EPOCH, 0.9);
        assertEquals(Pathway.INTUITIVE, Diagnoser.completeOnly(fast(), recallOf(same), text).pathway());
        Episode old = new Episode("e", "pods pending", ClusterContext.EMPTY, List.of("k"), Category.SCHEDULING,
                "The pod requests 12Gi of memory, more than any node has allocatable", "", List.of(),
                Outcome.RESOLVED, Instant.EPOCH, 0.9);
        assertEquals(Pathway.ANALYTICAL, Diagnoser.completeOnly(fast(), recallOf(old), text).pathway());
        assertEquals(List.of("12Gi"), CauseTemplate.foreignQuantities(old.rootCause(), text));
    }
}
