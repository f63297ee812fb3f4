package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Feedback;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.Timings;
import dev.metakube.api.Verdict;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.TrustFactors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lesson planner's credit and blame decisions, on hand-made diagnoses. */
class LessonPlannerTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String OOM = "The container exceeds its memory limit and is OOM-killed";
    private static final String LEAK = "A sidecar buffers unbounded in memory";
    private static final String DNS = "CoreDNS cannot resolve the upstream service name";

    private final TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
    private final MutableClock clock = new MutableClock();

    private static EvidenceAnalysis analysis() {
        return new EvidenceAnalysis(Incident.builder().id("inc").symptoms("pods restart").build(), List.of(), List.of());
    }

    /** A diagnosis on {@code pathway} that answered {@code answer}, having used these memories and chains. */
    private static PendingDiagnoses.Pending pending(Pathway pathway, String answer, List<Hypothesis> hypotheses,
                                                    List<String> memories, List<String> chains,
                                                    Hypothesis candidate) {
        Diagnosis d = new Diagnosis("d-1", "inc", Category.RESOURCE, answer, List.of(), List.of(), List.of(), 0.6,
                pathway, 0.75, hypotheses, List.of(), memories, chains, "template", List.of(),
                new Timings(1, 1, 1, 1, 1, 1, 6), T);
        RouteDecision decision = new RouteDecision(pathway, 0.8, 0.75, null);
        return new PendingDiagnoses.Pending(d, analysis(), "pods restart", null, decision, candidate, 0.42, null);
    }

    private void remember(String id, String cause, double value) {
        memory.record(new Episode(id, "pods restart", ClusterContext.EMPTY, List.of(), Category.RESOURCE, cause, "",
                List.of(), Outcome.RESOLVED, T, value), new Embedding("test", new float[] {1, 0}));
    }

    private static Feedback incorrect(String trueCause) {
        return Feedback.builder().diagnosisId("d-1").verdict(Verdict.INCORRECT).trueCause(Category.RESOURCE, trueCause)
                .at(T).build();
    }

    private Lesson plan(LessonPlanner planner, PendingDiagnoses.Pending p, Feedback f, List<String> notes) {
        return planner.plan(1, p, analysis(), "pods restart", f.category(), f.rootCause(), f, notes);
    }

    @Test
    void theMemoryThatProposedTheTrueCauseGetsCreditAndTheOneThatLedAstrayGetsBlame() {
        remember("m-right", LEAK, 0.5);
        remember("m-wrong", OOM, 0.5);
        remember("m-other", DNS, 0.5);
        PendingDiagnoses.Pending p = pending(Pathway.ANALYTICAL, OOM, List.of(
                new Hypothesis(Category.RESOURCE, OOM, 0.7, "m-wrong"),
                new Hypothesis(Category.RESOURCE, LEAK, 0.4, "m-right"),
                new Hypothesis(Category.NETWORK, DNS, 0.2, "m-other"),
                new Hypothesis(Category.RESOURCE, LEAK, 0.3, "m-unused")), List.of("m-wrong", "m-right", "m-other"),
                List.of(), null);
        Lesson l = plan(new LessonPlanner(memory, clock, 3), p, incorrect(LEAK), new ArrayList<>());
        assertEquals(List.of(new Lesson.Reinforcement("m-wrong", false, T.toString()),
                new Lesson.Reinforcement("m-right", true, T.toString())), l.reinforcements(),
                "credit for the true cause, blame for the answer given, nothing for the bystander or the unused");
        assertEquals(Category.RESOURCE, l.episode().category());
        assertEquals(LEAK, l.episode().rootCause(), "the episode remembers the reported cause");
        assertEquals(LessonPlanner.CONFIRMED_EPISODE_VALUE, l.episode().value());
    }

    @Test
    void anEstablishedMemoryIsBlamedAtMostTheBudgetAnHour() {
        remember("m-wrong", OOM, 0.95);
        LessonPlanner planner = new LessonPlanner(memory, clock, 3);
        PendingDiagnoses.Pending p = pending(Pathway.INTUITIVE, OOM,
                List.of(new Hypothesis(Category.RESOURCE, OOM, 0.9, "m-wrong")), List.of("m-wrong"), List.of(), null);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, plan(planner, p, incorrect(LEAK), new ArrayList<>()).reinforcements().size());
        }
        List<String> notes = new ArrayList<>();
        assertTrue(plan(planner, p, incorrect(LEAK), notes).reinforcements().isEmpty(), "the fourth in the hour");
        assertTrue(notes.get(0).contains("rate of change bounded"), notes.toString());
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, plan(planner, p, incorrect(LEAK), new ArrayList<>()).reinforcements().size(), "an hour later");
    }

    @Test
    void aMemoryNotYetEstablishedIsBlamedEveryTime() {
        remember("m-wrong", OOM, 0.5);
        LessonPlanner planner = new LessonPlanner(memory, clock, 1);
        PendingDiagnoses.Pending p = pending(Pathway.INTUITIVE, OOM,
                List.of(new Hypothesis(Category.RESOURCE, OOM, 0.9, "m-wrong")), List.of("m-wrong"), List.of(), null);
        for (int i = 0; i < 5; i++) {
            assertEquals(1, plan(planner, p, incorrect(LEAK), new ArrayList<>()).reinforcements().size());
        }
    }

    @Test
    void theGraphCauseTheAnswerRestedOnIsRefutedWithinTheBudgetAndTheTrueCauseLearned() {
        LessonPlanner planner = new LessonPlanner(memory, clock, 2);
        PendingDiagnoses.Pending p = pending(Pathway.ANALYTICAL, OOM,
                List.of(new Hypothesis(Category.RESOURCE, OOM, 0.7, "cause:oom")), List.of(), List.of("cause:oom"),
                null);
        for (int i = 0; i < 2; i++) {
            Lesson l = plan(planner, p, incorrect(LEAK), new ArrayList<>());
            assertEquals("cause:oom", l.graphLesson().usedCauseId());
            assertFalse(l.graphLesson().confirmed());
            assertEquals(LEAK, l.graphLesson().rootCause());
        }
        List<String> notes = new ArrayList<>();
        Lesson third = plan(planner, p, incorrect(LEAK), notes);
        assertEquals("", third.graphLesson().usedCauseId(), "the refutation is not applied");
        assertTrue(third.graphLesson().confirmed(), "the reported cause is still learned");
        assertTrue(notes.get(0).contains("graph cause cause:oom"), notes.toString());
    }

    @Test
    void theFastCandidateIsJudgedByTheVerdictWhenItWasTheAnswerElseByItsCause() {
        Hypothesis candidate = new Hypothesis(Category.RESOURCE, OOM, 0.7, "m-1");
        PendingDiagnoses.Pending given = pending(Pathway.INTUITIVE, OOM, List.of(candidate), List.of(), List.of(),
                candidate);
        Feedback correct = Feedback.builder().diagnosisId("d-1").verdict(Verdict.CORRECT)
                .trueCause(Category.RESOURCE, "memory limit too low for the workload").at(T).build();
        Lesson l = plan(new LessonPlanner(memory, clock, 3), given, correct, new ArrayList<>());
        assertTrue(l.routeOutcome().fastAnswerCorrect(), "the verdict decides for the answer given");
        assertEquals(List.of(new Lesson.CalibrationSample(Pathway.INTUITIVE, 0.8, true, false),
                new Lesson.CalibrationSample(Pathway.INTUITIVE, 0.42, true, true)), l.calibration());

        PendingDiagnoses.Pending unused = pending(Pathway.ANALYTICAL, DNS, List.of(), List.of(), List.of(), candidate);
        Lesson m = plan(new LessonPlanner(memory, clock, 3), unused, incorrect(OOM), new ArrayList<>());
        assertTrue(m.routeOutcome().fastAnswerCorrect(), "an unused candidate is right when its cause is the truth");
        assertEquals(List.of(new Lesson.CalibrationSample(Pathway.INTUITIVE, 0.8, true, false),
                new Lesson.CalibrationSample(Pathway.ANALYTICAL, 0.42, false, true)), m.calibration());
        assertEquals(new Lesson.RecentSample(Pathway.ANALYTICAL, false, true, true), m.recent());
    }

    @Test
    void anIncidentDiagnosedElsewhereTeachesAnEpisodeAndTheGraphOnly() {
        Feedback f = Feedback.builder().incident(analysis().incident()).verdict(Verdict.INCORRECT)
                .trueCause(Category.RESOURCE, LEAK)
                .outcome(Outcome.UNRESOLVED).at(T).build();
        Lesson l = plan(new LessonPlanner(memory, clock, 3), null, f, new ArrayList<>());
        assertEquals("", l.diagnosisId());
        assertEquals(LessonPlanner.UNRESOLVED_EPISODE_VALUE, l.episode().value());
        assertTrue(l.reinforcements().isEmpty());
        assertTrue(l.graphLesson().confirmed());
        assertEquals("", l.graphLesson().usedCauseId());
        assertNull(l.routeOutcome());
        assertTrue(l.calibration().isEmpty());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = T;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aStoredRoutingOutcomeKeepsTheJsonItWasFirstWrittenWith() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        RouteOutcome o = new RouteOutcome(new RouteDecision(Pathway.INTUITIVE, 0.82, 0.75,
                new TrustFactors(0.9, 0.8, 0.7, 0.6)), true, 1234);
        String written = json.writeValueAsString(Lesson.StoredOutcome.of(o));
        assertEquals("{\"decision\":{\"pathway\":\"INTUITIVE\",\"confidence\":0.82,\"threshold\":0.75,"
                + "\"factors\":{\"similarity\":0.9,\"recency\":0.8,\"reliability\":0.7,\"contextCompatibility\":0.6}},"
                + "\"fastAnswerCorrect\":true,\"latencyNanos\":1234}", written);
        assertEquals(o, json.readValue(written, Lesson.StoredOutcome.class).outcome());
    }
}
