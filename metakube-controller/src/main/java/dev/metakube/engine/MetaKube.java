package dev.metakube.engine;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Timings;
import dev.metakube.api.Verdict;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.CausalGraphProvider;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.GraphStats;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.MemoryStoreProvider;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.Providers;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterProvider;
import dev.metakube.template.CommandSafety;
import dev.metakube.template.TemplateModelProvider;
import dev.metakube.route.ConfidenceCalibration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MetaKube engine: diagnoses Kubernetes incidents and learns from how they were resolved.
 *
 * <pre>{@code
 * try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.defaults()).build()) {
 *     Diagnosis d = mk.diagnose(Incident.builder().symptoms("pods restart").evidence(Evidence.text(describe)).build());
 *     mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).resolution("raised the limit").build());
 * }
 * }</pre>
 *
 * <p>Backends are found through {@link java.util.ServiceLoader} ({@link Providers}) unless given to the builder.
 * {@link #diagnose} and {@link #feedback} are thread-safe. The engine closes every backend when it is closed.
 */
public final class MetaKube implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetaKube.class);
    /** Chains asked of the graph per analytical diagnosis. */
    private static final int CHAIN_LIMIT = 5;
    /** ω of an episode confirmed by an operator; seeded experience starts lower. */
    private static final double CONFIRMED_EPISODE_VALUE = 0.9;
    private static final double SEED_EPISODE_VALUE = 0.7;
    /** ω of an episode whose incident was not resolved. */
    private static final double UNRESOLVED_EPISODE_VALUE = 0.3;
    /** Trust from which a memory counts as well established: its weakening is rate-limited. */
    private static final double ESTABLISHED_TRUST = 0.8;
    /** A memory biases the graph search only when it is more likely right than wrong. */
    private static final double MIN_HINT_PROBABILITY = 0.5;
    /** Configuration property: how often an hour one established memory or graph cause may be weakened. */
    public static final String WEAKENINGS_PER_HOUR = "metakube.feedback.weakeningsPerHour";

    private final MetaKubeConfig config;
    private final MemoryStore memory;
    private final CausalGraph graph;
    private final DiagnosticModel model;
    private final Router router;
    private final Embedder embedder;
    private final boolean memoryEnabled;
    private final boolean graphEnabled;
    private final boolean graphLearningEnabled;
    private final boolean learningEnabled;
    private final Clock clock;
    private final PendingDiagnoses pending = new PendingDiagnoses(10_000);
    private final AtomicLong diagnoses = new AtomicLong();
    private final AtomicLong intuitive = new AtomicLong();
    private final AtomicLong feedbacks = new AtomicLong();
    private final AtomicLong feedbackIgnored = new AtomicLong();
    private final Object learning = new Object();
    private final boolean calibrationEnabled;
    private final ConfidenceCalibration calibration;
    /**
     * Calibration of the fast answers actually given. The main intuitive map learns from every candidate, taken
     * or not, so that memories can be scored below τ; but a candidate left unused is judged by comparing its
     * wording with the reported cause, which misses many rewordings of the same cause and makes that map
     * pessimistic. A fast answer that was given is judged by the verdict itself.
     */
    private final ConfidenceCalibration fastAnswers;
    private final FeedbackJournal journal;
    private final ChangeBudget memoryBudget;
    private final ChangeBudget graphBudget;
    private final RecentOutcomes recent = new RecentOutcomes(500);

    private MetaKube(Builder b, MemoryStore memory, CausalGraph graph, DiagnosticModel model, Router router,
                     Embedder embedder) {
        this.config = b.config;
        this.memory = memory;
        this.graph = graph;
        this.model = model;
        this.router = router;
        this.embedder = embedder;
        this.memoryEnabled = b.memoryEnabled;
        this.graphEnabled = b.graphEnabled;
        this.graphLearningEnabled = b.graphLearningEnabled;
        this.learningEnabled = b.learningEnabled;
        this.clock = b.clock;
        this.calibrationEnabled = b.calibrationEnabled;
        Path dir = config.dataDir();
        this.calibration = dir == null ? ConfidenceCalibration.inMemory() : ConfidenceCalibration.open(dir.resolve("router"));
        this.fastAnswers = dir == null ? ConfidenceCalibration.inMemory()
                : ConfidenceCalibration.open(dir.resolve("router").resolve("fast-answers"));
        int perHour = weakeningsPerHour(config);
        this.memoryBudget = new ChangeBudget(perHour, Duration.ofHours(1));
        this.graphBudget = new ChangeBudget(perHour, Duration.ofHours(1));
        this.journal = dir == null ? FeedbackJournal.inMemory() : FeedbackJournal.open(dir.resolve("engine"));
    }

    private static int weakeningsPerHour(MetaKubeConfig config) {
        String v = config.property(WEAKENINGS_PER_HOUR).orElse("3").trim();
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new InvalidInputException(WEAKENINGS_PER_HOUR, "must be at least 1, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(WEAKENINGS_PER_HOUR, "not a whole number: '" + v + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration this engine runs with. */
    public MetaKubeConfig config() {
        return config;
    }

    /**
     * Diagnoses one incident: evidence analysis, memory recall, routing, then the intuitive or the analytical
     * pathway.
     *
     * @throws InvalidInputException when the incident cannot be read at all
     * @throws dev.metakube.spi.ModelOutputException when the model produced no usable answer
     */
    public Diagnosis diagnose(Incident incident) {
        if (incident == null) {
            throw new InvalidInputException("incident", "must be given");
        }
        long t0 = System.nanoTime();
        EvidenceAnalysis analysis = graph.analyze(incident);
        long t1 = System.nanoTime();
        String text = IncidentText.of(analysis);
        Embedding embedding = embedder.query(text);
        long t2 = System.nanoTime();
        Query query = new Query(text, analysis.signals(), analysis.incident().context(), embedding, clock.instant());
        Recall recall = memoryEnabled ? memory.recall(query, config.topK()) : Recall.EMPTY;
        long t3 = System.nanoTime();
        RouteDecision decision = router.route(recall, query);
        List<ScoredMemory> memories = trusted(recall, decision);
        long t4 = System.nanoTime();
        // The intuitive candidate carries its calibrated probability of being right.
        Hypothesis candidate = recall.best().map(m -> new Hypothesis(m.memory().category(),
                clip(m.memory().rootCause()), calibrated(Pathway.INTUITIVE, decision.confidence()), m.memory().id()))
                .orElse(null);

        List<CausalChain> chains = List.of();
        ModelRequest request;
        long t5;
        List<String> notes = new ArrayList<>(analysis.notes());
        if (decision.pathway() == Pathway.INTUITIVE) {
            t5 = System.nanoTime();
            request = new ModelRequest(Pathway.INTUITIVE, analysis.incident(), analysis.signals(),
                    memories, List.of(), null, config.contextTokens());
        } else {
            if (graphEnabled) {
                chains = graph.explore(new Exploration(analysis.signals(), hints(memories), config.maxHops(),
                        CHAIN_LIMIT));
            }
            t5 = System.nanoTime();
            request = new ModelRequest(Pathway.ANALYTICAL, analysis.incident(), analysis.signals(),
                    memories, chains, candidate, config.contextTokens());
        }
        // A language model's answer counts only as far as the evidence carries it (never its own confidence).
        AnswerGrounding.Judged judged = AnswerGrounding.judge(model.name(), request, model.answer(request));
        ModelAnswer answer = judged.answer();
        long t6 = System.nanoTime();
        notes.addAll(answer.notes());

        double raw = decision.pathway() == Pathway.INTUITIVE ? decision.confidence() : judged.raw();
        double confidence = decision.pathway() == Pathway.INTUITIVE
                ? judged.bound(calibrationEnabled ? fastAnswers.calibrate(Pathway.INTUITIVE, raw) : clamp(raw))
                : judged.bound(calibrated(Pathway.ANALYTICAL, raw));
        List<Hypothesis> hypotheses = new ArrayList<>(answer.hypotheses());
        if (decision.pathway() == Pathway.ANALYTICAL && candidate != null) {
            // Paper 3.2.3: the analytical answer keeps the intuitive candidate and is at least as confident.
            boolean present = hypotheses.stream().anyMatch(h -> h.rootCause().equals(candidate.rootCause()));
            if (!present) {
                hypotheses.add(candidate);
            }
            confidence = Math.max(confidence, candidate.score());
        }
        if (hypotheses.stream().noneMatch(h -> h.rootCause().equals(answer.rootCause()))) {
            hypotheses.add(0, new Hypothesis(answer.category(), answer.rootCause(), clamp(confidence), "model"));
        }
        List<String> memoriesUsed = new ArrayList<>();
        for (ScoredMemory m : recall.memories()) {
            memoriesUsed.add(m.memory().id());
        }
        List<String> chainsUsed = new ArrayList<>();
        for (CausalChain c : chains) {
            chainsUsed.add(c.causeId());
        }
        long total = System.nanoTime() - t0;
        Timings timings = new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, total);
        Diagnosis d = new Diagnosis(UUID.randomUUID().toString(), incident.id(), answer.category(), answer.rootCause(),
                answer.causalChain(), CommandSafety.marked(answer.remediation()), answer.prevention(), clamp(confidence), decision.pathway(),
                decision.threshold(), hypotheses, analysis.signals(), memoriesUsed, chainsUsed, model.name(), notes,
                timings, clock.instant());
        pending.put(new PendingDiagnoses.Pending(d, analysis, text, embedding, decision, candidate, raw, null));
        diagnoses.incrementAndGet();
        if (d.pathway() == Pathway.INTUITIVE) {
            intuitive.incrementAndGet();
        }
        LOG.debug("diagnosed {} as {} via {} in {} ms", incident.id(), d.category(), d.pathway(), d.timings().totalMillis());
        return d;
    }

    /**
     * Learns from how an incident was really resolved: records an episode, reinforces or weakens the memories
     * and the causal chain the diagnosis used, teaches the router whether its fast answer was right and the
     * calibration whether the confidence was. The lesson is journaled first and applied step by step, so a
     * crash or a failing backend leaves nothing half-learned: it is completed at the next feedback or start.
     *
     * <p>Checks, reported in the receipt's notes: an unknown diagnosis id (learned from the incident if one is
     * given), a repeated report (ignored), a report that contradicts an earlier one for the same diagnosis
     * (ignored; send the incident without the id to record it separately), a verdict that disagrees with the
     * reported cause. A burst of failures cannot flip a well-established memory or graph cause at once: each is
     * weakened at most {@code metakube.feedback.weakeningsPerHour} times an hour (default 3).
     *
     * @throws InvalidInputException when the feedback names an unknown diagnosis and carries no incident, or
     *         a CORRECT verdict gives no cause and the diagnosis is unknown
     * @throws BackendUnavailableException when a backend failed while applying it; the lesson stays journaled
     *         and is completed later
     */
    public FeedbackReceipt feedback(Feedback feedback) {
        if (feedback == null) {
            throw new InvalidInputException("feedback", "must be given");
        }
        List<String> notes = new ArrayList<>();
        Optional<PendingDiagnoses.Pending> known = feedback.diagnosisId().isEmpty() ? Optional.empty()
                : pending.get(feedback.diagnosisId());
        if (!feedback.diagnosisId().isEmpty() && known.isEmpty()) {
            if (feedback.incident() == null) {
                throw new InvalidInputException("feedback.diagnosisId", "unknown diagnosis '" + feedback.diagnosisId()
                        + "' (not made by this engine or too old) and no incident given to learn from");
            }
            notes.add("diagnosis " + feedback.diagnosisId() + " is unknown to this engine; learned from the incident");
        }
        Category category = feedback.category();
        String rootCause = feedback.rootCause();
        if (feedback.verdict() == Verdict.CORRECT && (category == null || rootCause.isBlank())) {
            if (known.isEmpty()) {
                throw new InvalidInputException("feedback", "a CORRECT verdict without a known diagnosis needs the "
                        + "category and root cause");
            }
            category = category == null ? known.get().diagnosis().category() : category;
            rootCause = rootCause.isBlank() ? known.get().diagnosis().rootCause() : rootCause;
        }
        PendingDiagnoses.Answer answer = new PendingDiagnoses.Answer(category, rootCause, feedback.verdict());
        if (known.isPresent() && known.get().answered()) {
            feedbackIgnored.incrementAndGet();
            notes.add(repeated(feedback.diagnosisId(), known.get().answer(), answer));
            return new FeedbackReceipt("", true, notes);
        }
        if (!learningEnabled) {
            feedbackIgnored.incrementAndGet();
            notes.add("learning is switched off; nothing was recorded");
            return new FeedbackReceipt("", known.isPresent(), notes);
        }
        EvidenceAnalysis analysis = known.isPresent() ? known.get().analysis() : graph.analyze(feedback.incident());
        String text = known.isPresent() ? known.get().text() : IncidentText.of(analysis);
        Embedding embedding = memoryEnabled ? embedder.document(text) : null;
        synchronized (learning) {
            completePending();
            if (known.isPresent()) {
                Optional<PendingDiagnoses.Pending> now = pending.get(feedback.diagnosisId());
                if (now.isPresent() && now.get().answered()) {
                    feedbackIgnored.incrementAndGet();
                    notes.add(repeated(feedback.diagnosisId(), now.get().answer(), answer));
                    return new FeedbackReceipt("", true, notes);
                }
                pending.markAnswered(feedback.diagnosisId(), answer);
            }
            Lesson lesson = lesson(journal.nextSeq(), known.orElse(null), analysis, text, category, rootCause,
                    feedback, notes);
            journal.begin(lesson);
            try {
                apply(new FeedbackJournal.Entry(lesson, EnumSet.noneOf(Lesson.Step.class)), embedding);
            } catch (RuntimeException e) {
                throw new BackendUnavailableException("feedback was journaled but a backend failed while applying it ("
                        + e.getMessage() + "); it will be completed at the next feedback or when the engine opens "
                        + "again", e);
            }
            journal.commit(lesson.seq());
            feedbacks.incrementAndGet();
            String episodeId = lesson.episode() == null ? "" : lesson.episode().id();
            return new FeedbackReceipt(episodeId, known.isPresent(), notes);
        }
    }

    private static String repeated(String diagnosisId, PendingDiagnoses.Answer before, PendingDiagnoses.Answer now) {
        boolean same = before.category() == now.category() && CauseMatcher.same(before.rootCause(), now.rootCause())
                && (before.verdict() == Verdict.CORRECT) == (now.verdict() == Verdict.CORRECT);
        if (same) {
            return "feedback for diagnosis " + diagnosisId + " was already recorded; ignored";
        }
        return "feedback for diagnosis " + diagnosisId + " contradicts the feedback already recorded for it ("
                + before.verdict() + ", " + before.category().label() + ": " + before.rootCause() + "); ignored. "
                + "To record a different outcome, send it with the incident and without the diagnosis id";
    }

    /** Decides everything a piece of feedback teaches, before any of it is applied. */
    private Lesson lesson(long seq, PendingDiagnoses.Pending p, EvidenceAnalysis analysis, String text,
                          Category category, String rootCause, Feedback feedback, List<String> notes) {
        Instant now = clock.instant();
        Lesson.StoredEpisode episode = null;
        if (memoryEnabled) {
            double value = feedback.outcome() == Outcome.UNRESOLVED ? UNRESOLVED_EPISODE_VALUE : CONFIRMED_EPISODE_VALUE;
            episode = Lesson.StoredEpisode.of(new Episode("ep-" + UUID.randomUUID(), text,
                    analysis.incident().context(), signalKeys(analysis), category, clip(rootCause),
                    rememberedResolution(feedback, p), feedback.attempts(), feedback.outcome(), feedback.at(), value));
        }
        if (p == null) {
            GraphLesson gl = graphEnabled ? new GraphLesson(analysis.signals(), "", true, category, rootCause,
                    feedback.resolution()) : null;
            return new Lesson(seq, "", episode, List.of(), gl, null, List.of(), null);
        }
        Diagnosis d = p.diagnosis();
        boolean diagnosisMatches = d.category() == category && CauseMatcher.same(d.rootCause(), rootCause);
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
        boolean fastRight = false;
        if (fast != null) {
            boolean fastIsDiagnosis = fast.category() == d.category() && (fast.rootCause().equals(d.rootCause())
                    || CauseMatcher.same(fast.rootCause(), d.rootCause()));
            fastRight = fastIsDiagnosis ? right
                    : fast.category() == category && CauseMatcher.same(fast.rootCause(), rootCause);
        }
        // Memories that proposed the true cause gain value; the one that led astray loses it, within a budget.
        List<Lesson.Reinforcement> reinforcements = new ArrayList<>();
        if (memoryEnabled) {
            Set<String> used = new HashSet<>(d.memoriesUsed());
            Set<String> seen = new HashSet<>();
            for (Hypothesis h : d.hypotheses()) {
                if (!used.contains(h.source()) || !seen.add(h.source())) {
                    continue;
                }
                boolean helped = h.category() == category && CauseMatcher.same(h.rootCause(), rootCause);
                boolean ledAstray = !helped && h.rootCause().equals(d.rootCause());
                if (helped) {
                    reinforcements.add(new Lesson.Reinforcement(h.source(), true, feedback.at().toString()));
                } else if (ledAstray) {
                    // Once established, a memory stays under the budget while it is being weakened.
                    boolean established = memoryBudget.tracks(h.source())
                            || memory.find(h.source()).map(m -> m.trust() >= ESTABLISHED_TRUST).orElse(false);
                    if (established && !memoryBudget.take(h.source(), now)) {
                        notes.add("memory " + h.source() + " is well established and was weakened often in the last "
                                + "hour; this failure was not applied to it (rate of change bounded)");
                    } else {
                        reinforcements.add(new Lesson.Reinforcement(h.source(), false, feedback.at().toString()));
                    }
                }
            }
        }
        GraphLesson gl = null;
        if (graphEnabled) {
            String usedCause = usedCause(d);
            boolean confirmed = right;
            if (!right && !usedCause.isEmpty() && !graphBudget.take(usedCause, now)) {
                notes.add("graph cause " + usedCause + " was refuted often in the last hour; this refutation was not "
                        + "applied to it (rate of change bounded); the reported cause was still learned");
                usedCause = "";
                confirmed = true;
            }
            gl = new GraphLesson(p.analysis().signals(), usedCause, confirmed, category, rootCause,
                    feedback.resolution());
        }
        RouteOutcome route = fast == null ? null : new RouteOutcome(p.decision(), fastRight, d.timings().totalNanos());
        List<Lesson.CalibrationSample> cal = new ArrayList<>();
        if (fast != null) {
            cal.add(new Lesson.CalibrationSample(Pathway.INTUITIVE, p.decision().confidence(), fastRight, false));
        }
        if (d.pathway() == Pathway.INTUITIVE) {
            // the fast answer given, judged by the verdict on it
            cal.add(new Lesson.CalibrationSample(Pathway.INTUITIVE, p.rawConfidence(), right, true));
        }
        if (d.pathway() == Pathway.ANALYTICAL) {
            cal.add(new Lesson.CalibrationSample(Pathway.ANALYTICAL, p.rawConfidence(), right, true));
        }
        return new Lesson(seq, d.id(), episode, reinforcements, gl, route, cal,
                new Lesson.RecentSample(d.pathway(), right, fastRight, fast != null));
    }

    /**
     * What the episode remembers as the resolution: the operator's words and, when the verdict confirmed the
     * diagnosis, its commands, with this incident's names (namespace, workload, objects, hosts, ids) replaced by
     * placeholders, so that a later answer from this memory still offers commands to adapt rather than prose only.
     */
    private static String rememberedResolution(Feedback feedback, PendingDiagnoses.Pending p) {
        StringBuilder b = new StringBuilder(feedback.resolution());
        if (p != null && feedback.verdict() == Verdict.CORRECT) {
            int added = 0;
            for (RemediationStep step : p.diagnosis().remediation()) {
                String command = IncidentText.namesMasked(step.command().strip(), p.analysis());
                if (command.isEmpty() || b.indexOf(command) >= 0 || added == 3) {
                    continue;
                }
                b.append(b.length() == 0 ? "" : "\n").append('`').append(command).append('`');
                added++;
            }
        }
        return b.toString();
    }

    /** The graph cause the diagnosis rested on: the chain its answer came from, if any. */
    private static String usedCause(Diagnosis d) {
        if (d.chainsUsed().isEmpty()) {
            return "";
        }
        for (Hypothesis h : d.hypotheses()) {
            if (h.rootCause().equals(d.rootCause())) {
                return d.chainsUsed().contains(h.source()) ? h.source() : "";
            }
        }
        return d.chainsUsed().get(0);
    }

    /** Applies the steps of a lesson not yet done, marking each in the journal. */
    private void apply(FeedbackJournal.Entry entry, Embedding embedding) {
        Lesson l = entry.lesson();
        Set<Lesson.Step> done = entry.done();
        if (!done.contains(Lesson.Step.MEMORY)) {
            if (memoryEnabled && l.episode() != null && memory.find(l.episode().id()).isEmpty()) {
                Episode e = l.episode().episode();
                memory.record(e, embedding != null ? embedding : embedder.document(e.symptoms()));
            }
            journal.done(l.seq(), Lesson.Step.MEMORY);
        }
        if (!done.contains(Lesson.Step.REINFORCE)) {
            if (memoryEnabled) {
                for (Lesson.Reinforcement r : l.reinforcements()) {
                    memory.reinforce(r.memoryId(), r.success(), Instant.parse(r.at()));
                }
            }
            journal.done(l.seq(), Lesson.Step.REINFORCE);
        }
        if (!done.contains(Lesson.Step.GRAPH)) {
            if (graphEnabled && graphLearningEnabled && l.graphLesson() != null) {
                graph.learn(l.graphLesson());
            }
            journal.done(l.seq(), Lesson.Step.GRAPH);
        }
        if (!done.contains(Lesson.Step.ROUTER)) {
            if (l.routeOutcome() != null) {
                router.learn(l.routeOutcome());
            }
            if (calibrationEnabled) {
                for (Lesson.CalibrationSample c : l.calibration()) {
                    if (c.pathway() == Pathway.INTUITIVE && c.answered()) {
                        fastAnswers.learn(Pathway.INTUITIVE, c.raw(), c.right());
                    } else {
                        calibration.learn(c.pathway(), c.raw(), c.right());
                    }
                }
            }
            if (l.recent() != null) {
                recent.add(l.recent());
            }
            journal.done(l.seq(), Lesson.Step.ROUTER);
        }
    }

    /** Completes lessons left half-applied by a crash or a failing backend. Called with the learning lock held. */
    private void completePending() {
        for (FeedbackJournal.Entry e : journal.pending()) {
            LOG.info("completing feedback lesson {} (diagnosis '{}'), steps already applied: {}", e.lesson().seq(),
                    e.lesson().diagnosisId(), e.done());
            apply(e, null);
            journal.commit(e.lesson().seq());
            feedbacks.incrementAndGet();
        }
    }

    private double calibrated(Pathway pathway, double raw) {
        return calibrationEnabled ? calibration.calibrate(pathway, raw) : clamp(raw);
    }

    /** For tests of the invariants: the intuitive candidate of a recent diagnosis, if it had one. */
    Optional<Hypothesis> intuitiveCandidate(String diagnosisId) {
        return pending.get(diagnosisId).map(PendingDiagnoses.Pending::intuitiveCandidate);
    }

    /**
     * The recalled memories, each scored by the calibrated probability that it is right: the router's confidence
     * {@code C} of its factors (the same learned measure that decides the pathway; for the best memory, the one
     * it decided with), mapped through the intuitive calibration. Order and everything else are kept.
     */
    private List<ScoredMemory> trusted(Recall recall, RouteDecision decision) {
        List<ScoredMemory> out = new ArrayList<>(recall.memories().size());
        for (int i = 0; i < recall.memories().size(); i++) {
            ScoredMemory m = recall.memories().get(i);
            double c = i == 0 ? decision.confidence() : router.confidence(m.factors());
            out.add(new ScoredMemory(m.memory(), m.cosine(), calibrated(Pathway.INTUITIVE, c), m.factors()));
        }
        return out;
    }

    /**
     * Memory hints for the graph search (the prior of eq. 5), each scored by the calibrated probability that it is
     * right; memories more likely wrong than right are left out, since a wrong prior pulls the search away from
     * what the evidence supports (measured in benchmarks/results/controller.md).
     */
    private static List<Hypothesis> hints(List<ScoredMemory> memories) {
        List<Hypothesis> hints = new ArrayList<>();
        for (ScoredMemory m : memories) {
            if (m.score() >= MIN_HINT_PROBABILITY) {
                hints.add(new Hypothesis(m.memory().category(), clip(m.memory().rootCause()), m.score(), m.memory().id()));
            }
        }
        return hints;
    }

    private static List<String> signalKeys(EvidenceAnalysis analysis) {
        Set<String> keys = new LinkedHashSet<>();
        analysis.signals().forEach(s -> keys.add(s.key()));
        return List.copyOf(keys);
    }

    private static String clip(String s) {
        return s.length() <= ModelAnswer.MAX_ROOT_CAUSE ? s : s.substring(0, ModelAnswer.MAX_ROOT_CAUSE - 1) + "…";
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /** Counts and state of the engine and its backends. */
    public EngineStats stats() {
        MemoryStats ms = memoryEnabled ? memory.stats() : new MemoryStats(0, 0, "", 0);
        GraphStats gs = graph.stats();
        int journalPending;
        synchronized (learning) {
            journalPending = journal.pending().size();
        }
        return new EngineStats(ms, gs, router.state(), diagnoses.get(), intuitive.get(), feedbacks.get(),
                feedbackIgnored.get(), journalPending, calibration.samples(), recent.summary(),
                "memory=" + (memoryEnabled ? memory.getClass().getSimpleName() : "off") + ", graph="
                        + (graphEnabled ? graph.getClass().getSimpleName() : "analysis only") + ", model=" + model.name()
                        + ", router=" + router.getClass().getSimpleName() + ", embedder=" + embedder.model());
    }

    /** Closes every backend; flushes the memory first. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : new AutoCloseable[] {journal, model, graph, memory, embedder}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new BackendUnavailableException("close failed: " + e, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void seedIfEmpty() {
        if (!memoryEnabled || !config.seedExperience() || memory.stats().episodes() > 0) {
            return;
        }
        List<SeedExperience.Record> records = SeedExperience.load();
        Instant at = clock.instant();
        // Analysis and embedding dominate a first start (a semantic embedder takes tens of ms per record):
        // they run on every core; the records are then stored one by one, in file order.
        List<Episode> episodes = new ArrayList<>(records.size());
        List<Embedding> embeddings = new ArrayList<>(records.size());
        records.parallelStream().map(r -> {
            EvidenceAnalysis a = graph.analyze(r.incident(at));
            String text = IncidentText.of(a);
            Episode e = new Episode(r.id(), text, a.incident().context(), signalKeys(a), r.category(),
                    clip(r.rootCause()), r.solution(), r.attemptList(), Outcome.RESOLVED, at, SEED_EPISODE_VALUE);
            return Map.entry(e, embedder.document(text));
        }).forEachOrdered(pair -> {
            episodes.add(pair.getKey());
            embeddings.add(pair.getValue());
        });
        for (int i = 0; i < episodes.size(); i++) {
            memory.record(episodes.get(i), embeddings.get(i));
        }
        if (!records.isEmpty()) {
            LOG.info("seeded memory with {} bundled experience records", records.size());
        }
    }

    private void recoverJournal() {
        synchronized (learning) {
            int n = journal.pending().size();
            if (n > 0) {
                LOG.info("completing {} feedback lesson(s) left half-applied in the journal", n);
                completePending();
            }
            journal.compact();
        }
    }

    private void checkEmbedderMatchesMemory() {
        if (!memoryEnabled) {
            return;
        }
        MemoryStats s = memory.stats();
        if (s.episodes() > 0 && !s.embeddingModel().isEmpty()
                && (!s.embeddingModel().equals(embedder.model()) || s.dimension() != embedder.dimension())) {
            throw new BackendUnavailableException("the memory in " + config.dataDir() + " was built with embedder '"
                    + s.embeddingModel() + "' (" + s.dimension() + " dimensions) but the embedder now is '"
                    + embedder.model() + "' (" + embedder.dimension() + "); configure provider embedder="
                    + s.embeddingModel() + " or use another data directory");
        }
    }

    /** Builds an engine. Every backend not given is discovered through {@link Providers}. */
    public static final class Builder {
        private MetaKubeConfig config = MetaKubeConfig.defaults();
        private MemoryStore memory;
        private CausalGraph graph;
        private DiagnosticModel model;
        private Router router;
        private Embedder embedder;
        private boolean memoryEnabled = true;
        private boolean graphEnabled = true;
        private boolean graphLearningEnabled = true;
        private boolean learningEnabled = true;
        private boolean modelEnabled = true;
        private boolean calibrationEnabled = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder config(MetaKubeConfig config) {
            this.config = config;
            return this;
        }

        /** Uses this store instead of discovering one; the engine closes it. */
        public Builder memoryStore(MemoryStore store) {
            this.memory = store;
            return this;
        }

        public Builder causalGraph(CausalGraph graph) {
            this.graph = graph;
            return this;
        }

        public Builder model(DiagnosticModel model) {
            this.model = model;
            return this;
        }

        public Builder router(Router router) {
            this.router = router;
            return this;
        }

        public Builder embedder(Embedder embedder) {
            this.embedder = embedder;
            return this;
        }

        /** Ablation: without memory every diagnosis takes the analytical pathway and nothing is remembered. */
        public Builder memoryEnabled(boolean enabled) {
            this.memoryEnabled = enabled;
            return this;
        }

        /** Ablation: without graph search the analytical pathway has no causal chains (analysis still runs). */
        public Builder graphEnabled(boolean enabled) {
            this.graphEnabled = enabled;
            return this;
        }

        /**
         * Ablation: the graph keeps its curated and already learned knowledge and learns nothing more from
         * feedback (memory and router still learn): the setting of the paper, whose KubeGraph is static.
         */
        public Builder graphLearningEnabled(boolean enabled) {
            this.graphLearningEnabled = enabled;
            return this;
        }

        /** Ablation: without learning, feedback is acknowledged and ignored. */
        public Builder learningEnabled(boolean enabled) {
            this.learningEnabled = enabled;
            return this;
        }

        /** Ablation: without the model the deterministic template model writes every diagnosis. */
        public Builder modelEnabled(boolean enabled) {
            this.modelEnabled = enabled;
            return this;
        }

        /** Ablation: without calibration the diagnosis confidence is the raw one (the router's C, the model's). */
        public Builder calibrationEnabled(boolean enabled) {
            this.calibrationEnabled = enabled;
            return this;
        }

        /** The clock for recency, timestamps and the feedback rate bounds. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Creates (or opens) the backends and, when memory is empty and seeding is on, seeds it.
         *
         * @throws BackendUnavailableException when a backend is missing or cannot start
         */
        public MetaKube build() {
            if (config == null) {
                throw new InvalidInputException("config", "must be given");
            }
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                Embedder e = embedder != null ? embedder
                        : track(opened, Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER, config).create(config));
                CausalGraph g = graph != null ? graph
                        : track(opened, Providers.select(CausalGraphProvider.class, MetaKubeConfig.GRAPH, config).create(config));
                MemoryStore m = memory != null ? memory : memoryEnabled
                        ? track(opened, Providers.select(MemoryStoreProvider.class, MetaKubeConfig.MEMORY, config).create(config))
                        : null;
                DiagnosticModel dm = model != null ? model : !modelEnabled ? TemplateModelProvider.newModel()
                        : track(opened, Providers.select(DiagnosticModelProvider.class, MetaKubeConfig.MODEL, config).create(config));
                Router r = router != null ? router
                        : Providers.select(RouterProvider.class, MetaKubeConfig.ROUTER, config).create(config);
                MetaKube engine = new MetaKube(this, m, g, dm, r, e);
                opened.add(engine.journal);
                engine.checkEmbedderMatchesMemory();
                engine.seedIfEmpty();
                engine.recoverJournal();
                LOG.debug("engine ready: {}", engine.stats().backends());
                return engine;
            } catch (RuntimeException ex) {
                for (AutoCloseable c : opened) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        ex.addSuppressed(suppressed);
                    }
                }
                throw ex;
            }
        }

        private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T t) {
            opened.add(t);
            return t;
        }
    }

    @Override
    public String toString() {
        return "MetaKube[" + stats().backends() + "]";
    }
}
