package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import org.junit.jupiter.api.Test;

class KnowingWhenItDoesNotKnowTest {
    private static Incident oom(String ns, String pod) {
        return Incident.builder().id("i-" + pod).symptoms("pods of the api restart again and again")
                .context(ns, "Pod", pod)
                .evidence(Evidence.text("pod " + pod + " Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                .build();
    }

    @Test
    void unambiguousEvidenceGetsAHighConfidenceAndAVagueReportALowOne() {
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).build()) {
            Diagnosis oom = mk.diagnose(oom("shop", "api-1"));
            assertTrue(oom.confidence() >= 0.8, "OOMKilled with exit 137: " + oom.confidence());
            assertFalse(oom.rootCause().startsWith(Diagnoser.NO_CAUSE), oom.rootCause());
            Diagnosis vague = mk.diagnose(Incident.builder().id("v").symptoms("the app feels slow sometimes")
                    .context("shop", "Deployment", "web").build());
            assertTrue(vague.confidence() < oom.confidence() - 0.3, vague.confidence() + " vs " + oom.confidence());
        }
    }

    @Test
    void belowTheFloorNoCauseIsEstablishedAndTheNextEvidenceIsListed() {
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false)
                .property(Diagnoser.CONFIDENCE_FLOOR, "0.99").build();
        try (MetaKube mk = MetaKube.builder().config(config).build()) {
            Diagnosis d = mk.diagnose(Incident.builder().id("v").symptoms("the app feels slow sometimes")
                    .context("shop", "Deployment", "web").build());
            assertTrue(d.rootCause().startsWith(Diagnoser.NO_CAUSE), d.rootCause());
            assertFalse(d.hypotheses().isEmpty(), "the best causes stay, as hypotheses");
            assertTrue(d.remediation().get(0).command().startsWith("kubectl describe deployment web -n shop"),
                    d.remediation().toString());
            assertTrue(d.remediation().stream().anyMatch(s -> s.command().contains("get events -n shop")));
        }
    }

    @Test
    void confirmingADiagnosisBelowTheFloorTeachesItsHypothesisNotTheDisclaimer() {
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false)
                .property(Diagnoser.CONFIDENCE_FLOOR, "0.99").build();
        try (MetaKube mk = MetaKube.builder().config(config).build()) {
            Diagnosis d = mk.diagnose(oom("shop", "api-1"));
            assertTrue(d.rootCause().startsWith(Diagnoser.NO_CAUSE), d.rootCause());
            String stated = Diagnoser.statedCause(d);
            assertFalse(stated.startsWith(Diagnoser.NO_CAUSE), stated);
            assertTrue(d.hypotheses().stream().anyMatch(h -> h.rootCause().equals(stated)));
            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).resolution("raised it").build());
            Diagnosis again = mk.diagnose(oom("shop", "api-2"));
            assertFalse(again.memoriesUsed().isEmpty(), "the confirmed diagnosis was remembered");
            for (Hypothesis h : again.hypotheses()) {
                assertFalse(h.rootCause().startsWith(Diagnoser.NO_CAUSE), h.rootCause());
            }
        }
    }

    @Test
    void aRememberedCauseNeverNamesAnotherIncidentsObjects() {
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).build()) {
            for (int i = 0; i < 3; i++) {
                Diagnosis first = mk.diagnose(oom("billing", "payments-db-" + i));
                mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                        .trueCause(Category.RESOURCE, "The payments-db-" + i + " pod in namespace billing-prod outgrew its "
                                + "memory limit")
                        .resolution("raise the limit").build());
            }
            Diagnosis d = mk.diagnose(oom("shop", "checkout-7d9f"));
            assertFalse(d.memoriesUsed().isEmpty(), "the remembered causes were recalled");
            assertFalse(d.rootCause().contains("payments-db") || d.rootCause().contains("billing-prod"), d.rootCause());
            for (Hypothesis h : d.hypotheses()) {
                assertFalse(h.rootCause().contains("payments-db") || h.rootCause().contains("billing-prod"),
                        h.rootCause());
            }
        }
    }
}
