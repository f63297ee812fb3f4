package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.Incident;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroundingTest {
    private static final String INCIDENT = "pod checkout-5d8f7-abcde in namespace shop: OOMKilled, exit code 137";

    @Test
    void aNameFromAnotherIncidentIsForeign() {
        Set<String> f = Grounding.foreignNames("The payments-db-0 pod in namespace billing-prod ran out of memory", INCIDENT,
                List.of());
        assertEquals(Set.of("payments-db-0", "billing-prod"), f);
    }

    @Test
    void namesOfTheIncidentGenericWordsAndVersionsAreNot() {
        assertTrue(Grounding.foreignNames("checkout-5d8f7-abcde hit its out-of-memory limit in kube-system on v1.29.3",
                INCIDENT, List.of()).isEmpty());
        assertTrue(Grounding.foreignNames("A read-only root filesystem", "", List.of()).isEmpty());
        assertTrue(Grounding.foreignNames("The sidecar-injector webhook rejects pods", "",
                List.of("The sidecar-injector webhook rejects pods")).isEmpty(), "curated knowledge is generic");
    }

    @Test
    void compoundWordsAreNotNamesButQuotedOrKindNamedWordsAre() {
        assertTrue(Grounding.foreignNames("The app is crash-looping after oom-kills", "", List.of()).isEmpty());
        assertEquals(Set.of("coupon"), Grounding.foreignNames("admission policy rejects label 'coupon'", INCIDENT,
                List.of()));
        assertTrue(Grounding.foreignNames("pushes the pod over its limit", INCIDENT, List.of()).isEmpty());
    }

    @Test
    void foreignNamesAreReplacedByGenericWords() {
        String out = Grounding.replaceNames("The payments-db-0 pod ran out of memory", Set.of("payments-db-0"));
        assertEquals("The " + Grounding.GENERIC_NAME + " pod ran out of memory", out);
    }

    @Test
    void supportGrowsWithIndependentStrongEvidence() {
        CausalChain chain = new CausalChain("resource.memory-limit", Category.RESOURCE, "Memory limit too low",
                List.of(), List.of(), List.of(), List.of(), 0.5, List.of("oom-killed", "exit-137"));
        Signal oom = new Signal("oom-killed", SignalKind.REASON, "OOMKilled", "", 1.0);
        Signal exit = new Signal("exit-137", SignalKind.EXIT_CODE, "137", "", 0.8);
        Signal weak = new Signal("oom-killed", SignalKind.REASON, "oom", "", 0.3);
        Signal object = new Signal("exit-137", SignalKind.OBJECT, "x", "", 1.0);
        assertEquals(1.0, Grounding.support(chain, List.of(oom, exit)), 1e-9);
        assertTrue(Grounding.support(chain, List.of(weak)) < 0.4);
        assertEquals(0.0, Grounding.support(chain, List.of(object)), "a mention supports nothing");
        assertEquals(0.0, Grounding.support(null, List.of(oom)));
    }

    @Test
    void nextEvidenceNamesTheIncidentsObjects() {
        Incident i = Incident.builder().id("i").symptoms("restarts").context("shop", "Deployment", "checkout").build();
        List<RemediationStep> steps = Grounding.nextEvidence(i);
        assertFalse(steps.isEmpty());
        assertTrue(steps.stream().allMatch(s -> s.command().startsWith("kubectl ") && s.command().contains("-n shop")));
        assertTrue(steps.stream().anyMatch(s -> s.command().contains("deployment checkout")));
    }
}
