package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AnswerGroundingTest {
    /** A language model that writes whatever it was scripted to, at the confidence it was scripted to. */
    private static final class ScriptedModel implements DiagnosticModel {
        final AtomicReference<ModelAnswer> next = new AtomicReference<>();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public ModelAnswer answer(ModelRequest request) {
            return next.get();
        }

        @Override
        public void close() {
        }
    }

    private static ModelAnswer said(String rootCause, double confidence) {
        return new ModelAnswer(Category.NETWORK, rootCause, List.of(), List.of(), List.of(), List.of(), confidence,
                List.of());
    }

    private static Incident oom() {
        return Incident.builder().id("i-1").symptoms("the ledger api restarts again and again")
                .context(new ClusterContext("billing", "Deployment", "ledger-api", "1.29", java.util.Map.of()))
                .evidence(Evidence.text("pod ledger-api-7d9c-x2x8q Last State: Terminated Reason: OOMKilled"))
                .build();
    }

    private static MetaKube engine(ScriptedModel model) {
        return MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).model(model).build();
    }

    @Test
    void randomTokensAtFullConfidenceGiveTheTemplateAnswerAtLowConfidence() {
        ScriptedModel model = new ScriptedModel();
        model.next.set(said("ĠquantumĠ zebra ▁lattice ¤¤ hexagonal mirth prelude syzygy", 1.0));
        try (MetaKube mk = engine(model)) {
            Diagnosis d = mk.diagnose(oom());
            assertEquals(Pathway.ANALYTICAL, d.pathway());
            assertTrue(d.confidence() <= 0.2, "confidence " + d.confidence());
            // below the confidence floor the template's answer is given as the best hypothesis, not as established
            assertTrue(d.rootCause().startsWith("No cause established"), d.rootCause());
            assertTrue(d.rootCause().contains("memory limit too low for the container's working set"), d.toString());
            assertEquals(Category.RESOURCE, d.category());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("not grounded")), d.notes().toString());
            assertTrue(d.hypotheses().stream().anyMatch(h -> h.source().equals("model")
                    && h.rootCause().contains("syzygy")), d.hypotheses().toString());
        }
    }

    @Test
    void anAnswerNamingTheIncidentsObjectsAndFindingsIsKeptAndScoredByTheEvidence() {
        ScriptedModel model = new ScriptedModel();
        String cause = "The ledger-api container is OOMKilled: its memory limit is below its working set";
        model.next.set(said(cause, 0.01));
        try (MetaKube mk = engine(model)) {
            Diagnosis d = mk.diagnose(oom());
            assertEquals(cause, d.rootCause());
            assertTrue(d.notes().stream().noneMatch(n -> n.contains("not grounded")), d.notes().toString());
            // the model said 0.01; the evidence carries it much further
            assertTrue(d.confidence() > 0.5, "confidence " + d.confidence());
        }
    }

    @Test
    void theModelsOwnConfidenceIsNeverPassedThrough() {
        ScriptedModel model = new ScriptedModel();
        String cause = "The ledger-api container is OOMKilled: its memory limit is below its working set";
        double[] seen = new double[2];
        for (int i = 0; i < 2; i++) {
            model.next.set(said(cause, i == 0 ? 0.0 : 1.0));
            try (MetaKube mk = engine(model)) {
                seen[i] = mk.diagnose(oom()).confidence();
            }
        }
        assertEquals(seen[0], seen[1], 1e-12);
    }

    @Test
    void scoreCountsObjectsFindingsAndAgreementWithTheChains() {
        ModelRequest r = new ModelRequest(Pathway.ANALYTICAL, oom(),
                List.of(new Signal("oom-killed", SignalKind.REASON, "OOMKilled", "Reason: OOMKilled", 1.0)),
                List.of(), List.of(), null, 8192);
        assertEquals(0, AnswerGrounding.named("lattice mirth prelude", r));
        assertEquals(1, AnswerGrounding.named("the container was oom killed", r));
        assertEquals(2, AnswerGrounding.named("ledger-api was OOMKilled", r));
        assertEquals(1, AnswerGrounding.named("pod ledger-api-7d9c ran out of memory", r));
        AnswerGrounding.Judged j = AnswerGrounding.judge("scripted", r, said("ledger-api was OOMKilled", 0.3));
        assertTrue(j.grounded());
        assertEquals(0.5, j.raw(), 1e-9);
        AnswerGrounding.Judged noise = AnswerGrounding.judge("scripted", r, said("lattice mirth prelude", 0.99));
        assertFalse(noise.grounded());
        assertEquals(0.0, noise.raw(), 1e-9);
        assertEquals(0.0, noise.bound(0.9), 1e-9);
    }

    @Test
    void theTemplateModelIsNotJudged() {
        ModelRequest r = new ModelRequest(Pathway.ANALYTICAL, oom(), List.of(), List.of(), List.of(), null, 8192);
        AnswerGrounding.Judged j = AnswerGrounding.judge("template", r, said("anything at all", 0.7));
        assertTrue(j.grounded());
        assertEquals(0.7, j.raw(), 1e-9);
    }
}
