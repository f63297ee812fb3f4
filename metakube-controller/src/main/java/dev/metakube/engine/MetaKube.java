package dev.metakube.engine;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.spi.Providers;
import java.util.Optional;

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
 * <p>A facade over named parts: the {@code Diagnoser} (both pathways), the {@code FeedbackIntake} (which feedback
 * is accepted), the {@link Learner} (by default a {@code LessonPlanner} deciding credit and blame and a
 * {@code LessonApplier} applying lessons through the feedback journal) and the {@code Bootstrap} (seeding,
 * recovery), assembled by the {@link EngineBuilder}. Backends are found through {@link java.util.ServiceLoader}
 * ({@link Providers}) unless given to the builder. {@link #diagnose} and {@link #feedback} are thread-safe. The
 * engine closes every backend when it is closed.
 */
public final class MetaKube implements AutoCloseable {
    /** Configuration property: how often an hour one established memory or graph cause may be weakened. */
    public static final String WEAKENINGS_PER_HOUR = EngineBuilder.WEAKENINGS_PER_HOUR;

    private final MetaKubeConfig config;
    private final Backends backends;
    private final Diagnoser diagnoser;
    private final FeedbackIntake intake;
    private final Learner learner;
    private final Counters counters;
    /** One owner per data directory, released last on close; null in memory (package-private: tests simulate a crash). */
    final DataDirectoryLock dataDirLock;

    MetaKube(MetaKubeConfig config, Backends backends, Diagnoser diagnoser, FeedbackIntake intake, Learner learner,
             Counters counters, DataDirectoryLock dataDirLock) {
        this.dataDirLock = dataDirLock;
        this.config = config;
        this.backends = backends;
        this.diagnoser = diagnoser;
        this.intake = intake;
        this.learner = learner;
        this.counters = counters;
    }

    /** A builder with the default configuration and every backend discovered. */
    public static EngineBuilder builder() {
        return new EngineBuilder();
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
        return diagnoser.diagnose(incident);
    }

    /**
     * Learns from how an incident was really resolved: records an episode, reinforces or weakens the memories
     * and the causal chain the diagnosis used, teaches the router whether its fast answer was right and the
     * calibration whether the probability was. The lesson is journaled first and applied step by step, so a
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
     * <p>With a shared experience store ({@code metakube.store}, {@link EngineBuilder#experienceLog}), the lesson
     * is committed to the store before this returns, and every engine following the store applies it. When the
     * store cannot be reached the feedback is refused, not queued: nothing is learned or acknowledged, and the same
     * feedback can be sent again (feedback on a diagnosis is recorded once however often it is sent).
     *
     * @throws dev.metakube.api.BackendUnavailableException when a backend failed while applying it (the lesson
     *         stays journaled and is completed later), or when the shared store cannot be reached (nothing was
     *         acknowledged)
     */
    public FeedbackReceipt feedback(Feedback feedback) {
        // secrets in the operator's words never reach the journal, memory or graph
        FeedbackIntake.Accepted accepted = intake.accept(feedback == null ? null : IncidentRedaction.redact(feedback));
        Optional<FeedbackReceipt> repeated = FeedbackIntake.ifRepeated(accepted, accepted.known());
        if (repeated.isPresent()) {
            counters.feedbackIgnored.incrementAndGet();
            return repeated.get();
        }
        return learner.learn(accepted, counters);
    }

    /** For tests of the invariants: the intuitive candidate of a recent diagnosis, if it had one. */
    Optional<Hypothesis> intuitiveCandidate(String diagnosisId) {
        return diagnoser.intuitiveCandidate(diagnosisId);
    }

    /** Counts and state of the engine and its backends. */
    public EngineStats stats() {
        return new EngineStats(backends.memory().stats(), backends.graph().stats(), backends.router().state(),
                counters.diagnoses.get(), counters.intuitive.get(), counters.feedbacks.get(),
                counters.feedbackIgnored.get(), learner.pendingLessons(), backends.calibration().samples(),
                learner.recent(), backends.describe());
    }

    /** Closes every backend; flushes the memory first. */
    @Override
    public void close() {
        Backends.closeAll(learner, backends.model(), backends.graph(), backends.analyzer(), backends.memory(), backends.embedder(), dataDirLock);
    }

    @Override
    public String toString() {
        return "MetaKube[" + backends.describe() + "]";
    }
}
