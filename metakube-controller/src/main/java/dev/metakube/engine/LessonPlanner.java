package dev.metakube.engine;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Feedback;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Verdict;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.RouteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Decides everything a piece of feedback teaches, before any of it is applied: the episode to record, which
 * memories get credit (they proposed the true cause) or blame (they led the diagnosis astray), which graph cause
 * is confirmed or refuted, what the router and the calibrators learn. A burst of failures cannot flip what is well
 * established at once: each established memory and each graph cause is weakened at most a bounded number of times
 * an hour. Called under the engine's learning lock.
 */
final class LessonPlanner {
    /** ω of an episode confirmed by an operator; seeded experience starts lower ({@link Bootstrap}). */
    static final double CONFIRMED_EPISODE_VALUE = 0.9;
    /** ω of an episode whose incident was not resolved. */
    static final double UNRESOLVED_EPISODE_VALUE = 0.3;
    /** Reliability from which a memory counts as well established: its weakening is rate-limited. */
    static final double ESTABLISHED_RELIABILITY = 0.8;
    /** Commands of a confirmed diagnosis kept with the episode. */
    private static final int REMEMBERED_COMMANDS = 3;

    private final MemoryStore memory;
    private final Clock clock;
    private final ChangeBudget memoryBudget;
    private final ChangeBudget graphBudget;

    LessonPlanner(MemoryStore memory, Clock clock, int weakeningsPerHour) {
        this.memory = memory;
        this.clock = clock;
        this.memoryBudget = new ChangeBudget(weakeningsPerHour, Duration.ofHours(1));
        this.graphBudget = new ChangeBudget(weakeningsPerHour, Duration.ofHours(1));
    }

    /**
     * The lesson of one piece of feedback.
     *
     * @param p        the diagnosis it is about; null for an incident diagnosed elsewhere
     * @param notes    receives what a person should know about how the feedback was read
     */
    Lesson plan(long seq, PendingDiagnoses.Pending p, EvidenceAnalysis analysis, String text, Category category,
                String rootCause, Feedback feedback, List<String> notes) {
        Instant now = clock.instant();
        double value = feedback.outcome() == Outcome.UNRESOLVED ? UNRESOLVED_EPISODE_VALUE : CONFIRMED_EPISODE_VALUE;
        Lesson.StoredEpisode episode = Lesson.StoredEpisode.of(new Episode("ep-" + UUID.randomUUID(), text,
                analysis.incident().context(), signalKeys(analysis), category,
                CauseTemplate.abstracted(ModelAnswer.clipRootCause(rootCause), analysis),
                rememberedResolution(feedback, p, analysis), feedback.attempts(), feedback.outcome(), feedback.at(), value));
        if (p == null) {
            GraphLesson gl = new GraphLesson(analysis.signals(), "", true, category,
                    CauseTemplate.abstracted(rootCause, analysis), CauseTemplate.abstracted(feedback.resolution(),
                    analysis));
            return new Lesson(seq, "", episode, List.of(), gl, null, List.of(), null);
        }
        Diagnosis d = p.diagnosis();
        boolean diagnosisMatches = d.category() == category && CauseMatcher.same(Diagnoser.statedCause(d), rootCause);
        boolean causeGiven = !feedback.rootCause().isBlank();
        if (feedback.verdict() == Verdict.CORRECT && causeGiven && !diagnosisMatches) {
            notes.add("the verdict says CORRECT but the reported cause reads differently from the diagnosis; "
                    + "counted the diagnosis as right, as the verdict says, and recorded the reported cause");
        } else if (feedback.verdict() != Verdict.CORRECT && diagnosisMatches) {
            notes.add("the verdict says " + feedback.verdict() + " but the reported cause matches the diagnosis; "
                    + "counted the diagnosis as wrong, as the verdict says");
        }
        // The operator's verdict decides; the wording of causes is only compared where no verdict applies.
        boolean right = feedback.verdict() == Verdict.CORRECT;
        Hypothesis fast = p.intuitiveCandidate();
        boolean fastRight = fast != null && fastAnswerRight(fast, d, right, category, rootCause);
        List<Lesson.Reinforcement> reinforcements = memoryLessons(d, category, rootCause, feedback, now, notes);
        GraphLesson gl = graphLesson(p, d, right, category, rootCause, feedback, now, notes);
        Lesson.StoredOutcome route = fast == null ? null
                : Lesson.StoredOutcome.of(new RouteOutcome(p.decision(), fastRight, d.timings().totalNanos()));
        List<Lesson.CalibrationSample> cal = new ArrayList<>();
        if (fast != null) {
            cal.add(new Lesson.CalibrationSample(Pathway.INTUITIVE, p.decision().trustScore(), fastRight, false));
        }
        // the answer given, judged by the verdict on it
        cal.add(new Lesson.CalibrationSample(d.pathway(), p.rawScore(), right, true));
        return new Lesson(seq, d.id(), episode, reinforcements, gl, route, cal,
                new Lesson.RecentSample(d.pathway(), right, fastRight, fast != null));
    }

    /** Whether the intuitive candidate was right: the verdict if it was the diagnosis, else by its cause. */
    static boolean fastAnswerRight(Hypothesis fast, Diagnosis d, boolean right, Category category, String rootCause) {
        boolean fastIsDiagnosis = fast.category() == d.category() && (fast.rootCause().equals(Diagnoser.statedCause(d))
                || CauseMatcher.same(fast.rootCause(), Diagnoser.statedCause(d)));
        return fastIsDiagnosis ? right : fast.category() == category && CauseMatcher.same(fast.rootCause(), rootCause);
    }

    /** Memories that proposed the true cause gain value; the one that led astray loses it, within a budget. */
    private List<Lesson.Reinforcement> memoryLessons(Diagnosis d, Category category, String rootCause,
                                                     Feedback feedback, Instant now, List<String> notes) {
        List<Lesson.Reinforcement> out = new ArrayList<>();
        Set<String> used = new HashSet<>(d.memoriesUsed());
        Set<String> seen = new HashSet<>();
        for (Hypothesis h : d.hypotheses()) {
            if (!used.contains(h.source()) || !seen.add(h.source())) {
                continue;
            }
            boolean helped = h.category() == category && CauseMatcher.same(h.rootCause(), rootCause);
            boolean ledAstray = !helped && h.rootCause().equals(Diagnoser.statedCause(d));
            if (helped) {
                out.add(new Lesson.Reinforcement(h.source(), true, feedback.at().toString()));
            } else if (ledAstray) {
                // Once established, a memory stays under the budget while it is being weakened.
                boolean established = memoryBudget.tracks(h.source())
                        || memory.find(h.source()).map(m -> m.reliability() >= ESTABLISHED_RELIABILITY).orElse(false);
                if (established && !memoryBudget.take(h.source(), now)) {
                    notes.add("memory " + h.source() + " is well established and was weakened often in the last "
                            + "hour; this failure was not applied to it (rate of change bounded)");
                } else {
                    out.add(new Lesson.Reinforcement(h.source(), false, feedback.at().toString()));
                }
            }
        }
        return out;
    }

    /** The graph cause the diagnosis rested on is confirmed or refuted (within a budget); the true cause learned. */
    private GraphLesson graphLesson(PendingDiagnoses.Pending p, Diagnosis d, boolean right, Category category,
                                    String rootCause, Feedback feedback, Instant now, List<String> notes) {
        String usedCause = usedCause(d);
        boolean confirmed = right;
        if (!right && !usedCause.isEmpty() && !graphBudget.take(usedCause, now)) {
            notes.add("graph cause " + usedCause + " was refuted often in the last hour; this refutation was not "
                    + "applied to it (rate of change bounded); the reported cause was still learned");
            usedCause = "";
            confirmed = true;
        }
        // the graph learns the cause as a template too; the diagnoser binds its slots on each use
        return new GraphLesson(p.analysis().signals(), usedCause, confirmed, category,
                CauseTemplate.abstracted(rootCause, p.analysis()),
                CauseTemplate.abstracted(feedback.resolution(), p.analysis()));
    }

    /**
     * What the episode remembers as the resolution: the operator's words and, when the verdict confirmed the
     * diagnosis, its commands, with this incident's names replaced by typed slots ({@link CauseTemplate}) that a
     * later recall binds again, and what remains (hosts, ids) by placeholders.
     */
    static String rememberedResolution(Feedback feedback, PendingDiagnoses.Pending p, EvidenceAnalysis analysis) {
        StringBuilder b = new StringBuilder(CauseTemplate.abstracted(feedback.resolution(), analysis));
        if (p != null && feedback.verdict() == Verdict.CORRECT) {
            int added = 0;
            for (RemediationStep step : p.diagnosis().remediation()) {
                String command = IncidentText.namesMasked(
                        CauseTemplate.abstracted(step.command().strip(), p.analysis()), p.analysis());
                if (command.isEmpty() || b.indexOf(command) >= 0 || added == REMEMBERED_COMMANDS) {
                    continue;
                }
                b.append(b.length() == 0 ? "" : "\n").append('`').append(command).append('`');
                added++;
            }
        }
        return b.toString();
    }

    /** The graph cause the diagnosis rested on: the chain its answer came from, if any. */
    static String usedCause(Diagnosis d) {
        if (d.chainsUsed().isEmpty()) {
            return "";
        }
        for (Hypothesis h : d.hypotheses()) {
            if (h.rootCause().equals(Diagnoser.statedCause(d))) {
                return d.chainsUsed().contains(h.source()) ? h.source() : "";
            }
        }
        return d.chainsUsed().get(0);
    }

    static List<String> signalKeys(EvidenceAnalysis analysis) {
        Set<String> keys = new LinkedHashSet<>();
        analysis.signals().forEach(s -> keys.add(s.key()));
        return List.copyOf(keys);
    }
}
