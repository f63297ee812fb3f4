package dev.metakube.engine;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Pathway;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's learner: has the {@link LessonPlanner} decide what a piece of feedback teaches, journals that
 * lesson, then applies it step by step (memory, reinforcement, graph, router and calibration), marking each
 * step in the {@link FeedbackJournal}, so that a crash or a failing backend leaves nothing half-learned: the rest
 * is completed at the next feedback or start. Lessons are planned and applied one at a time.
 */
final class LessonApplier extends Learner {
    private static final Logger LOG = LoggerFactory.getLogger(LessonApplier.class);

    private final Backends b;
    private final LessonPlanner planner;
    private final FeedbackJournal journal;
    private final PendingDiagnoses pending;
    private final RecentOutcomes recent = new RecentOutcomes(500);
    private final Object lock = new Object();
    /** The experience shared with other engines; null when this engine learns alone. */
    private final SharedExperience shared;

    LessonApplier(Backends backends, LessonPlanner planner, FeedbackJournal journal, PendingDiagnoses pending) {
        this(backends, planner, journal, pending, null);
    }

    /**
     * With {@code shared}, each lesson is committed to the shared log before it is applied or acknowledged, and
     * lessons other engines committed are applied here too ({@link #followShared()}).
     */
    LessonApplier(Backends backends, LessonPlanner planner, FeedbackJournal journal, PendingDiagnoses pending,
                  SharedExperience shared) {
        this.b = backends;
        this.planner = planner;
        this.journal = journal;
        this.pending = pending;
        this.shared = shared;
    }

    @Override
    FeedbackReceipt learn(FeedbackIntake.Accepted a, Counters counters) {
        Optional<PendingDiagnoses.Pending> known = a.known();
        EvidenceAnalysis analysis = known.isPresent() ? known.get().analysis() : b.analyzer().analyze(a.feedback().incident());
        String text = known.isPresent() ? known.get().text() : IncidentText.of(analysis);
        // embedded outside the lock: a semantic embedder takes tens of ms
        Embedding embedding = b.embedder().document(IncidentText.embedded(analysis));
        synchronized (lock) {
            completePending(counters);
            if (known.isPresent()) {
                Optional<FeedbackReceipt> repeated = FeedbackIntake.ifRepeated(a, pending.get(a.feedback().diagnosisId()));
                if (repeated.isPresent()) {
                    counters.feedbackIgnored.incrementAndGet();
                    return repeated.get();
                }
            }
            Lesson lesson = planner.plan(journal.nextSeq(), known.orElse(null), analysis, text, a.category(),
                    a.rootCause(), a.feedback(), a.notes());
            // shared: committed there first; when that fails nothing is marked, so the feedback can be sent again
            boolean fresh = shared == null || shared.claim(shared.publish(lesson, embedding));
            if (known.isPresent()) {
                pending.markAnswered(a.feedback().diagnosisId(), a.answer());
            }
            if (!fresh) {
                counters.feedbackIgnored.incrementAndGet();
                a.notes().add("this feedback was already recorded in the shared store; ignored");
                return new FeedbackReceipt("", known.isPresent(), a.notes());
            }
            journal.begin(lesson);
            try {
                apply(new FeedbackJournal.Entry(lesson, EnumSet.noneOf(Lesson.Step.class)), embedding);
            } catch (RuntimeException e) {
                throw new BackendUnavailableException("feedback was journaled but a backend failed while applying it ("
                        + e.getMessage() + "); it will be completed at the next feedback or when the engine opens "
                        + "again", e);
            }
            journal.commit(lesson.seq());
            counters.feedbacks.incrementAndGet();
            String episodeId = lesson.episode() == null ? "" : lesson.episode().id();
            return new FeedbackReceipt(episodeId, known.isPresent(), a.notes());
        }
    }

    /** Applies the steps of a lesson not yet done, marking each in the journal. */
    private void apply(FeedbackJournal.Entry entry, Embedding embedding) {
        Lesson l = entry.lesson();
        Set<Lesson.Step> done = entry.done();
        if (!done.contains(Lesson.Step.MEMORY)) {
            if (l.episode() != null && b.memory().find(l.episode().id()).isEmpty()) {
                Episode e = l.episode().episode();
                b.memory().record(e, embedding != null ? embedding : b.embedder().document(e.symptoms()));
            }
            journal.done(l.seq(), Lesson.Step.MEMORY);
        }
        if (!done.contains(Lesson.Step.REINFORCE)) {
            for (Lesson.Reinforcement r : l.reinforcements()) {
                b.memory().reinforce(r.memoryId(), r.success(), Instant.parse(r.at()));
            }
            journal.done(l.seq(), Lesson.Step.REINFORCE);
        }
        if (!done.contains(Lesson.Step.GRAPH)) {
            if (l.graphLesson() != null) {
                b.graph().learn(l.graphLesson());
            }
            journal.done(l.seq(), Lesson.Step.GRAPH);
        }
        if (!done.contains(Lesson.Step.ROUTER)) {
            if (l.routeOutcome() != null) {
                b.router().learn(l.routeOutcome().outcome());
            }
            for (Lesson.CalibrationSample c : l.calibration()) {
                if (c.pathway() == Pathway.INTUITIVE && c.answered()) {
                    b.fastAnswers().learn(Pathway.INTUITIVE, c.raw(), c.right());
                } else {
                    b.calibration().learn(c.pathway(), c.raw(), c.right());
                }
            }
            if (l.recent() != null) {
                recent.add(l.recent());
            }
            journal.done(l.seq(), Lesson.Step.ROUTER);
        }
    }

    /** Completes lessons left half-applied by a crash or a failing backend. Called with the lock held. */
    private void completePending(Counters counters) {
        for (FeedbackJournal.Entry e : journal.pending()) {
            LOG.info("completing feedback lesson {} (diagnosis '{}'), steps already applied: {}", e.lesson().seq(),
                    e.lesson().diagnosisId(), e.done());
            apply(e, null);
            journal.commit(e.lesson().seq());
            counters.feedbacks.incrementAndGet();
        }
    }

    /**
     * Applies the lessons other engines committed to the shared log since the last call (all of them the first
     * time). Runs on the shared log's thread, and at start.
     *
     * @throws dev.metakube.api.BackendUnavailableException when the shared log cannot be read
     */
    void followShared() {
        synchronized (lock) {
            int n = shared.catchUp(this::applyShared, b.embedder().model());
            if (n > 0) {
                LOG.debug("applied {} lesson(s) from the shared experience", n);
            }
        }
    }

    /** Applies a lesson from the shared log under a local journal number. Called with the lock held. */
    private void applyShared(Lesson r, float[] vector) {
        Lesson l = new Lesson(journal.nextSeq(), r.diagnosisId(), r.episode(), r.reinforcements(), r.graphLesson(),
                r.routeOutcome(), r.calibration(), r.recent());
        journal.begin(l);
        try {
            apply(new FeedbackJournal.Entry(l, EnumSet.noneOf(Lesson.Step.class)),
                    vector == null ? null : new Embedding(b.embedder().model(), vector));
        } catch (RuntimeException e) {
            LOG.warn("a backend failed while applying shared lesson {} ({}); it stays journaled and is completed at "
                    + "the next feedback", l.seq(), e.getMessage());
            return;
        }
        journal.commit(l.seq());
    }

    @Override
    void recover(Counters counters) {
        synchronized (lock) {
            int n = journal.pending().size();
            if (n > 0) {
                LOG.info("completing {} feedback lesson(s) left half-applied in the journal", n);
                completePending(counters);
            }
            journal.compact();
        }
    }

    @Override
    int pendingLessons() {
        synchronized (lock) {
            return journal.pending().size();
        }
    }

    @Override
    EngineStats.Recent recent() {
        return recent.summary();
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
        journal.close();
    }
}
