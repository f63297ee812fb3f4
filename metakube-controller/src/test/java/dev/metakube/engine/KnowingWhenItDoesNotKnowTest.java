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

    @Test
    void aRememberedCauseThisIncidentCannotFillIsOnlyAHypothesis() {
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).build()) {
            // the same fault confirmed again and again: memory trusts it
            for (int i = 0; i < 6; i++) {
                Incident taught = Incident.builder().id("t" + i).symptoms("login fails for every user")
                        .context("auth", "Deployment", "quillo")
                        .evidence(Evidence.text("quillo: Get https://zorblat.example.org/keys: x509: certificate "
                                + "signed by unknown authority")).build();
                Diagnosis first = mk.diagnose(taught);
                mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(i == 0 ? Verdict.INCORRECT
                        : Verdict.CORRECT).trueCause(Category.SYSTEM, "Zorblat serves a certificate signed by an "
                        + "internal CA that the quillo container does not trust").build());
            }
            Diagnosis again = mk.diagnose(Incident.builder().id("again").symptoms("login fails for every user")
                    .context("auth", "Deployment", "quillo").evidence(Evidence.text("quillo: Get "
                            + "https://zorblat.example.org/keys: x509: certificate signed by unknown authority")).build());
            assertTrue(again.confidence() > 0.5, "the recurrence itself is trusted: "
                    + again.confidence() + " " + again.rootCause());
            Diagnosis other = mk.diagnose(Incident.builder().id("o").symptoms("login fails for every user")
                    .context("web", "Deployment", "portal")
                    .evidence(Evidence.text("portal: Get https://idp.example.net/keys: x509: certificate signed by "
                            + "unknown authority")).build());
            // stated as an established cause it would claim what the evidence does not show
            assertTrue(!other.rootCause().contains("not identified in this incident")
                    || other.rootCause().startsWith(Diagnoser.NO_CAUSE), other.rootCause());
            assertTrue(other.confidence() <= Diagnoser.INCOMPLETE_MEMORY + 1e-9, "confidence " + other.confidence());
            assertTrue(other.hypotheses().stream().filter(h -> h.rootCause().contains("not identified in this incident"))
                    .allMatch(h -> h.score() <= Diagnoser.INCOMPLETE_MEMORY + 1e-9), other.hypotheses().toString());
        }
    }
}
