package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.Verdict;
import dev.metakube.spi.Exploration;
import dev.metakube.standin.AnalysisOnlyGraph;
import dev.metakube.standin.IdentityCalibrator;
import dev.metakube.standin.NoMemory;
import dev.metakube.standin.StaticGraph;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each ablation stand-in, on its own and assembled into an engine. */
class StandInsTest {
    private static final MetaKubeConfig NO_SEED = MetaKubeConfig.builder().seedExperience(false).build();
    private static final String TRUTH = "A sidecar log shipper buffers unbounded in memory and pushes the pod over";

    private static Incident oom(String pod) {
        return Incident.builder().id("i-" + pod).symptoms("pods of the api restart again and again")
                .evidence(Evidence.text("pod " + pod + " Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                .build();
    }

    private static FeedbackReceipt teach(MetaKube mk, Diagnosis d) {
        return mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                .trueCause(Category.RESOURCE, TRUTH).build());
    }

    @Test
    void noMemoryRecallsNothingAndKeepsNothing() {
        NoMemory m = new NoMemory();
        m.record(new Episode("e", "s", null, List.of(), Category.RESOURCE, "c", "", List.of(),
                Outcome.RESOLVED, Instant.EPOCH, 0.9), new Embedding("x", new float[] {1}));
        Query q = new Query("s", List.of(), null, new Embedding("x", new float[] {1}), Instant.EPOCH);
        assertEquals(Recall.EMPTY, m.recall(q, 10));
        assertTrue(m.find("e").isEmpty());
        assertFalse(m.reinforce("e", true, Instant.EPOCH));
        assertEquals(0, m.stats().episodes());
    }

    @Test
    void anEngineWithoutMemoryTakesTheAnalyticalPathwayAndRemembersNothing() {
        try (MetaKube mk = MetaKube.builder().config(NO_SEED).memoryStore(new NoMemory()).build()) {
            Diagnosis first = mk.diagnose(oom("api-1"));
            teach(mk, first);
            Diagnosis second = mk.diagnose(oom("api-2"));
            assertEquals(Pathway.ANALYTICAL, second.pathway());
            assertTrue(second.memoriesUsed().isEmpty());
            assertEquals("Memory limit too low for the container's working set", second.rootCause(),
                    "what was taught is not remembered");
            assertEquals(0, mk.stats().memory().episodes());
        }
    }

    @Test
    void aStaticGraphAnswersAsTheWrappedGraphAndPassesNoLessonOn() {
        MetaKubeTest.FlakyGraph inner = new MetaKubeTest.FlakyGraph();
        try (MetaKube mk = MetaKube.builder().config(NO_SEED).causalGraph(inner).wrapGraph(StaticGraph::new).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            assertEquals(List.of("resource.memory-limit"), d.chainsUsed(), "search is the wrapped graph's");
            teach(mk, d);
            assertEquals(0, inner.lessons);
            assertEquals(1, mk.stats().memory().episodes(), "memory still learns");
        }
    }

    @Test
    void anAnalysisOnlyGraphAnalysesButSearchesNothing() {
        TestBackends.KeywordGraph inner = new TestBackends.KeywordGraph();
        AnalysisOnlyGraph g = new AnalysisOnlyGraph(inner);
        var analysis = inner.analyze(oom("api-1"));
        assertFalse(analysis.signals().isEmpty(), "evidence analysis still runs");
        Exploration e = new Exploration(analysis.signals(), List.of(), 3, 5);
        assertFalse(inner.explore(e).isEmpty());
        assertTrue(g.explore(e).isEmpty());
        try (MetaKube mk = MetaKube.builder().config(NO_SEED).wrapGraph(AnalysisOnlyGraph::new).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            assertEquals(Pathway.ANALYTICAL, d.pathway());
            assertTrue(d.chainsUsed().isEmpty());
        }
    }

    @Test
    void theIdentityCalibratorLeavesRawScoresAndLearnsNothing() {
        IdentityCalibrator c = new IdentityCalibrator();
        assertEquals(0.37, c.calibrate(Pathway.INTUITIVE, 0.37), 0);
        assertEquals(1, c.calibrate(Pathway.ANALYTICAL, 1.4), 0);
        assertEquals(0, c.calibrate(Pathway.ANALYTICAL, -0.2), 0);
        for (int i = 0; i < 50; i++) {
            c.learn(Pathway.INTUITIVE, 0.37, false);
        }
        assertEquals(0.37, c.calibrate(Pathway.INTUITIVE, 0.37), 0);
        try (MetaKube mk = MetaKube.builder().config(NO_SEED).calibrator(c).build()) {
            Diagnosis first = mk.diagnose(oom("api-1"));
            teach(mk, first);
            Diagnosis second = mk.diagnose(oom("api-2"));
            double candidate = mk.intuitiveCandidate(second.id()).orElseThrow().score();
            assertTrue(candidate > 0 && candidate <= 1);
            assertTrue(mk.stats().calibrationSamples().isEmpty());
        }
    }

    @Test
    void learningSwitchedOffAcknowledgesFeedbackAndChangesNothing() {
        try (MetaKube mk = MetaKube.builder().config(NO_SEED).learner(Learner.ignoringFeedback()).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt r = teach(mk, d);
            assertTrue(r.diagnosisKnown());
            assertTrue(r.notes().contains("learning is switched off; nothing was recorded"), r.notes().toString());
            assertEquals(1, mk.stats().feedbackIgnored());
            assertEquals(0, mk.stats().feedbacks());
            Diagnosis again = mk.diagnose(oom("api-2"));
            assertEquals(d.rootCause(), again.rootCause());
            assertEquals(d.pathway(), again.pathway());
        }
    }
}
