package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.Memory;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Timings;
import dev.metakube.command.CommandChecker;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.RecalledMemory;
import dev.metakube.spi.RouteDecision;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Diagnoses one incident by either pathway: evidence analysis, memory recall, routing, then the intuitive answer
 * from memory or the analytical one from graph search and the model. Remembers each diagnosis for its feedback.
 * Thread-safe.
 */
final class Diagnoser {
    private static final Logger LOG = LoggerFactory.getLogger(Diagnoser.class);
    /** Chains asked of the graph per analytical diagnosis. */
    static final int CHAIN_LIMIT = 5;
    /** The most a remembered cause with a slot this incident cannot bind may be trusted: below the default floor. */
    static final double INCOMPLETE_MEMORY = 0.25;
    /** A memory biases the graph search only when it is more likely right than wrong. */
    static final double MIN_HINT_PROBABILITY = 0.5;
    /** Configuration property: below this confidence a diagnosis says that no cause is established. */
    public static final String CONFIDENCE_FLOOR = "metakube.diagnosis.confidenceFloor";
    /** The default floor: on real incidents about one answer in ten below it is right (benchmarks/RESULTS.md). */
    static final double DEFAULT_CONFIDENCE_FLOOR = 0.3;
    /** How the root cause of a diagnosis below the floor begins. */
    static final String NO_CAUSE = "No cause established: ";
    /** The confidence that evidence supporting a cause without doubt lends it. */
    static final double STRONG_EVIDENCE = 0.97;
    /**
     * How sharply evidence strength turns into confidence: {@code w = support^1.25}. On real incidents the share
     * of right answers follows the support of the chosen cause closely (about 0.85 at support 0.8-0.9, 0.98 above
     * 0.9) while the model's own score stays near 0.45, so the evidence carries most of the confidence; fitted
     * for the least calibration error (15 bins) on real incidents, checked not to raise it on generated ones.
     */
    static final double SUPPORT_EXPONENT = 1.25;

    private final Backends b;
    private final MetaKubeConfig config;
    private final Clock clock;
    private final PendingDiagnoses pending;
    private final Counters counters;
    private final double confidenceFloor;
    private final RouterFeatures features;

    Diagnoser(Backends backends, MetaKubeConfig config, Clock clock, PendingDiagnoses pending, Counters counters) {
        this.b = backends;
        this.config = config;
        this.clock = clock;
        this.pending = pending;
        this.counters = counters;
        this.confidenceFloor = config.doubleProperty(CONFIDENCE_FLOOR, DEFAULT_CONFIDENCE_FLOOR, 0, 1);
        this.features = RouterFeatures.from(config);
    }

    Diagnosis diagnose(Incident incident) {
        long t0 = System.nanoTime();
        IncidentRedaction.Redacted redacted = IncidentRedaction.redactCounting(incident);
        EvidenceAnalysis analysis = b.analyzer().analyze(redacted.incident());
        long t1 = System.nanoTime();
        String text = IncidentText.of(analysis);
        Embedding embedding = b.embedder().query(IncidentText.embedded(analysis));
        long t2 = System.nanoTime();
        Query query = new Query(text, analysis.signals(), analysis.incident().context(), embedding, clock.instant());
        // memory of another fault is weighed down by its signature; learned causes are templates, their slots
        // bound from this incident's evidence, never the old one's
        FactoredRecall factored = FaultSignature.weigh(features.of(b.memory().recall(query, config.topK()), query),
                analysis);
        Recall recall = CauseTemplate.bindAll(factored.recall(), analysis);
        long t3 = System.nanoTime();
        String incidentText = incidentText(redacted.incident());
        RouteDecision decision = completeOnly(FaultSignature.fastOnlyOnMatch(b.router().route(recall, factored.best(),
                query), recall, analysis), recall, incidentText);
        Set<String> signature = FaultSignature.of(analysis);
        List<RecalledMemory> memories = withConfidence(recall, factored, decision, signature);
        long t4 = System.nanoTime();
        // The intuitive candidate carries its confidence, the probability of being right.
        // A memory of another incident carries its names: they leave the candidate before anything uses it.
        Hypothesis candidate = recall.best().map(m -> new Hypothesis(m.memory().category(),
                grounded(ModelAnswer.clipRootCause(m.memory().rootCause()), incidentText),
                completeness(m.memory(), Math.min(b.calibration().calibrate(Pathway.INTUITIVE,
                        decision.trustScore()), FaultSignature.bound(signature, m.memory()))), m.memory().id()))
                .orElse(null);

        List<CausalChain> chains = List.of();
        ModelRequest request;
        long t5;
        List<String> notes = new ArrayList<>(redacted.notes());
        notes.addAll(analysis.notes());
        recall.best().ifPresent(m -> {
            for (String slot : CauseTemplate.unboundSlots(m.memory().rootCause())) {
                notes.add("the remembered cause names a " + slot + " that this incident's evidence does not show");
            }
        });
        if (decision.pathway() == Pathway.INTUITIVE) {
            t5 = System.nanoTime();
            request = new ModelRequest(Pathway.INTUITIVE, analysis.incident(), analysis.signals(),
                    memories, List.of(), null, config.contextTokens());
        } else {
            // a learned graph cause is a template: its slots are bound from this incident, as memory's are
            chains = b.graph().explore(new Exploration(analysis.signals(), hints(memories), config.maxHops(),
                    CHAIN_LIMIT)).stream().map(c -> c.causeId().startsWith("learned:")
                    ? incomplete(CauseTemplate.bindChain(c, analysis)) : c).toList();
            t5 = System.nanoTime();
            request = new ModelRequest(Pathway.ANALYTICAL, analysis.incident(), analysis.signals(),
                    memories, chains, candidate, config.contextTokens());
        }
        // Slots of a remembered cause are bound again from this incident; then a language model's answer counts
        // only as far as the evidence carries it (never its own confidence).
        ModelAnswer modelAnswer = CauseTemplate.bindAnswer(b.model().answer(request), analysis);
        AnswerGrounding.Judged judged = AnswerGrounding.judge(b.model().name(), request, modelAnswer);
        ModelAnswer answer = judged.answer();
        long t6 = System.nanoTime();
        notes.addAll(answer.notes());

        double raw = decision.pathway() == Pathway.INTUITIVE ? decision.trustScore() : judged.raw();
        double confidence = judged.bound(decision.pathway() == Pathway.INTUITIVE
                ? b.fastAnswers().calibrate(Pathway.INTUITIVE, raw)
                : b.calibration().calibrate(Pathway.ANALYTICAL, raw));
        List<Hypothesis> hypotheses = new ArrayList<>(answer.hypotheses());
        if (decision.pathway() == Pathway.ANALYTICAL && candidate != null) {
            // Paper 3.2.3: the analytical answer keeps the intuitive candidate and is at least as confident.
            boolean present = hypotheses.stream().anyMatch(h -> h.rootCause().equals(candidate.rootCause()));
            if (!present) {
                hypotheses.add(candidate);
            }
            confidence = Math.max(confidence, candidate.score());
        }
        // A cause never names an object that is not in the incident (a memory of another incident carries its
        // names). Curated knowledge names no user object; a cause learned from feedback may, so it is checked too.
        List<String> generic = chains.stream().filter(c -> !c.causeId().startsWith("learned:"))
                .flatMap(c -> Stream.concat(Stream.of(c.rootCause()), c.path().stream())).toList();
        Category category = answer.category();
        String rootCause = answer.rootCause();
        List<RemediationStep> remediation = answer.remediation();
        List<String> causalChain = answer.causalChain();
        List<String> prevention = answer.prevention();
        CausalChain chosen = chosenChain(answer, chains);
        Set<String> foreign = Grounding.foreignNames(rootCause, incidentText, generic);
        if (!foreign.isEmpty()) {
            // learned graph causes among the chains were bound from this incident when they were explored
            CausalChain grounded = chains.stream()
                    .filter(c -> Grounding.foreignNames(c.rootCause(), incidentText, generic).isEmpty())
                    .findFirst().orElse(null);
            if (grounded != null) {
                // demoted: the remembered cause stays a hypothesis, the graph's grounded cause is the answer
                hypotheses.add(new Hypothesis(category, Grounding.replaceNames(rootCause, foreign),
                        clamp(confidence) / 2, "memory"));
                category = grounded.category();
                rootCause = ModelAnswer.clipRootCause(grounded.rootCause());
                remediation = grounded.remediation();
                causalChain = grounded.path();
                prevention = grounded.prevention();
                chosen = grounded;
                notes.add("the remembered cause named objects absent from the incident " + foreign
                        + "; it is kept as a hypothesis and the graph's cause answers instead");
            } else {
                rootCause = Grounding.replaceNames(rootCause, foreign);
                notes.add("the cause named objects absent from the incident " + foreign + "; they were replaced by '"
                        + Grounding.GENERIC_NAME + "'");
            }
        }
        // Confidence follows the strength of the incident's own evidence for the chosen cause.
        double support = Grounding.support(chosen, analysis.signals());
        double w = Math.pow(support, SUPPORT_EXPONENT);
        // strong evidence raises the confidence towards STRONG_EVIDENCE, never lowers one already above it
        // (the analytical answer is at least as confident as the intuitive candidate it keeps)
        // An ungrounded model answer stays bounded by its grounding score: the evidence backs the template's cause,
        // not the model's judgement of it.
        double finalConfidence = judged.grounded()
                ? clamp(Math.max(confidence, confidence * (1 - w) + STRONG_EVIDENCE * w)) : clamp(confidence);
        if (!CauseTemplate.unboundSlots(rootCause).isEmpty()) {
            // a cause with a part this incident does not show is not established, however it was reached
            finalConfidence = Math.min(finalConfidence, INCOMPLETE_MEMORY);
        }
        LOG.debug("confidence of {}: model {} evidence support {} grounded {} final {}", incident.id(), confidence,
                support, judged.grounded(), finalConfidence);
        String answered = rootCause;
        if (hypotheses.stream().noneMatch(h -> h.rootCause().equals(answered))) {
            hypotheses.add(0, new Hypothesis(category, answered, finalConfidence, "model"));
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            Hypothesis h = hypotheses.get(i);
            Set<String> names = Grounding.foreignNames(h.rootCause(), incidentText, generic);
            if (!names.isEmpty()) {
                hypotheses.set(i, new Hypothesis(h.category(), Grounding.replaceNames(h.rootCause(), names), h.score(),
                        h.source()));
            }
        }
        remediation = CommandChecker.flagDestructive(remediation);
        if (finalConfidence < confidenceFloor) {
            // Not known: say so, keep the best answer as a hypothesis, and say what to collect next.
            rootCause = notEstablished(rootCause);
            List<RemediationStep> next = new ArrayList<>(Grounding.nextEvidence(redacted.incident()));
            next.addAll(remediation);
            remediation = next;
            notes.add(String.format(Locale.ROOT, "confidence %.2f is below the floor %.2f: the causes are "
                    + "hypotheses; collect the evidence listed first", finalConfidence, confidenceFloor));
        }
        List<String> memoriesUsed = recall.memories().stream().map(m -> m.memory().id()).toList();
        List<String> chainsUsed = chains.stream().map(CausalChain::causeId).toList();
        long total = System.nanoTime() - t0;
        Timings timings = new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, total);
        Diagnosis d = new Diagnosis(UUID.randomUUID().toString(), incident.id(), category, rootCause,
                causalChain, remediation, prevention,
                finalConfidence, decision.pathway(), decision.threshold(), hypotheses, analysis.signals(),
                memoriesUsed, chainsUsed, b.model().name(), notes, timings, clock.instant());
        pending.put(new PendingDiagnoses.Pending(d, analysis, text, embedding, decision, candidate, raw, null));
        counters.diagnoses.incrementAndGet();
        if (d.pathway() == Pathway.INTUITIVE) {
            counters.intuitive.incrementAndGet();
        }
        LOG.debug("diagnosed {} as {} via {} in {} ms", incident.id(), d.category(), d.pathway(),
                d.timings().totalMillis());
        return d;
    }

    /**
     * The decision, kept intuitive only where memory's cause is complete for this incident: every slot bound from
     * its evidence and no name of another incident left in it. A cause with a gap is a hint for the analytical
     * pathway, never an answer memory gives alone.
     */
    static RouteDecision completeOnly(RouteDecision decision, Recall recall, String incidentText) {
        if (decision.pathway() != Pathway.INTUITIVE || recall.best().isEmpty()) {
            return decision;
        }
        String cause = ModelAnswer.clipRootCause(recall.best().get().memory().rootCause());
        if (CauseTemplate.unboundSlots(cause).isEmpty()
                && Grounding.foreignNames(cause, incidentText, List.of()).isEmpty()
                && CauseTemplate.foreignQuantities(cause, incidentText).isEmpty()) {
            return decision;
        }
        return decision.withPathway(Pathway.ANALYTICAL);
    }

    /** The intuitive candidate of a recent diagnosis, if it had one. */
    Optional<Hypothesis> intuitiveCandidate(String diagnosisId) {
        return pending.get(diagnosisId).map(PendingDiagnoses.Pending::intuitiveCandidate);
    }

    /**
     * The recalled memories, each with its confidence, the probability that it is right: the router's trust score of
     * its factors (the same learned measure that decides the pathway; for the best memory, the one it decided with),
     * mapped through the intuitive calibration and bounded by the agreement of its fault signature with the
     * incident's ({@link FaultSignature#bound}). Order and everything else are kept.
     */
    private List<RecalledMemory> withConfidence(Recall recall, FactoredRecall factored, RouteDecision decision,
                                                Set<String> signature) {
        List<RecalledMemory> out = new ArrayList<>(recall.memories().size());
        for (int i = 0; i < recall.memories().size(); i++) {
            ScoredMemory m = recall.memories().get(i);
            double trust = i == 0 ? decision.trustScore() : b.router().trustScore(factored.factors().get(i));
            // bounded by the signature's agreement: memory of another fault cannot outvote the evidence
            double p = completeness(m.memory(), Math.min(b.calibration().calibrate(Pathway.INTUITIVE, trust),
                    FaultSignature.bound(signature, m.memory())));
            out.add(new RecalledMemory(m.memory(), m.cosine(), p));
        }
        return out;
    }

    /**
     * {@code p}, at most {@link #INCOMPLETE_MEMORY} for a remembered cause with a slot this incident cannot bind: such
     * a cause is another incident's, a hypothesis, never an answer that outranks what the evidence supports.
     */
    static double completeness(Memory memory, double p) {
        return CauseTemplate.unboundSlots(memory.rootCause()).isEmpty() ? p : Math.min(p, INCOMPLETE_MEMORY);
    }

    /** A learned chain, scored at most {@link #INCOMPLETE_MEMORY} where this incident cannot fill its cause. */
    static CausalChain incomplete(CausalChain c) {
        if (CauseTemplate.unboundSlots(c.rootCause()).isEmpty() || c.score() <= INCOMPLETE_MEMORY) {
            return c;
        }
        return new CausalChain(c.causeId(), c.category(), c.rootCause(), c.path(), c.confirm(), c.remediation(),
                c.prevention(), INCOMPLETE_MEMORY, c.evidence());
    }

    /**
     * Memory hints for the graph search (the prior of eq. 5), each scored by its confidence, the probability that it
     * is right; memories more likely wrong than right are left out, since a wrong prior pulls the search away from
     * what the evidence supports (measured in benchmarks/results/controller.md).
     */
    static List<Hypothesis> hints(List<RecalledMemory> memories) {
        List<Hypothesis> hints = new ArrayList<>();
        for (RecalledMemory m : memories) {
            if (m.confidence() >= MIN_HINT_PROBABILITY) {
                hints.add(new Hypothesis(m.memory().category(), ModelAnswer.clipRootCause(m.memory().rootCause()),
                        m.confidence(), m.memory().id()));
            }
        }
        return hints;
    }

    /** The chain the answer took its cause from: the same cause text, else the best chain of its category. */
    static CausalChain chosenChain(ModelAnswer answer, List<CausalChain> chains) {
        for (CausalChain c : chains) {
            if (answer.rootCause().equals(c.rootCause()) || answer.rootCause().startsWith(c.rootCause())) {
                return c;
            }
        }
        return chains.stream().filter(c -> c.category() == answer.category()).findFirst().orElse(null);
    }

    /** {@code cause} with the names of objects absent from the incident replaced by generic words. */
    private static String grounded(String cause, String incidentText) {
        Set<String> foreign = Grounding.foreignNames(cause, incidentText, List.of());
        return foreign.isEmpty() ? cause : Grounding.replaceNames(cause, foreign);
    }

    /** The root cause of a diagnosis below the floor, its best hypothesis being {@code cause}. */
    static String notEstablished(String cause) {
        return ModelAnswer.clipRootCause(NO_CAUSE + "the best hypothesis is that " + lowerFirst(cause));
    }

    /**
     * The cause a diagnosis states: its root cause, or for one below the floor its best hypothesis, which is what
     * feedback confirms or refutes.
     */
    static String statedCause(Diagnosis d) {
        if (!d.rootCause().startsWith(NO_CAUSE)) {
            return d.rootCause();
        }
        return d.hypotheses().stream().map(Hypothesis::rootCause).filter(c -> notEstablished(c).equals(d.rootCause()))
                .findFirst().orElse(d.rootCause());
    }

    /** Everything the incident says, names of its context included. */
    static String incidentText(Incident incident) {
        ClusterContext c = incident.context();
        return incident.allText() + "\n" + c.namespace() + "\n" + c.kind() + "\n" + c.name() + "\n"
                + String.join("\n", c.labels().keySet()) + "\n" + String.join("\n", c.labels().values());
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
