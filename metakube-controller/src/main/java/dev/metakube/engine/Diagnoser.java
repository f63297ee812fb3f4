package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Timings;
import dev.metakube.command.CommandChecker;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.RouteDecision;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    /** A memory biases the graph search only when it is more likely right than wrong. */
    static final double MIN_HINT_PROBABILITY = 0.5;

    private final Backends b;
    private final MetaKubeConfig config;
    private final Clock clock;
    private final PendingDiagnoses pending;
    private final Counters counters;

    Diagnoser(Backends backends, MetaKubeConfig config, Clock clock, PendingDiagnoses pending, Counters counters) {
        this.b = backends;
        this.config = config;
        this.clock = clock;
        this.pending = pending;
        this.counters = counters;
    }

    Diagnosis diagnose(Incident incident) {
        long t0 = System.nanoTime();
        EvidenceAnalysis analysis = b.graph().analyze(incident);
        long t1 = System.nanoTime();
        String text = IncidentText.of(analysis);
        Embedding embedding = b.embedder().query(text);
        long t2 = System.nanoTime();
        Query query = new Query(text, analysis.signals(), analysis.incident().context(), embedding, clock.instant());
        // memory of another fault is weighed down by its signature; learned causes are templates, their slots
        // bound from this incident's evidence, never the old one's
        Recall recall = CauseTemplate.bindAll(FaultSignature.weigh(b.memory().recall(query, config.topK()),
                analysis), analysis);
        long t3 = System.nanoTime();
        RouteDecision decision = b.router().route(recall, query);
        List<ScoredMemory> memories = scored(recall, decision);
        long t4 = System.nanoTime();
        // The intuitive candidate carries its probability of being right.
        Hypothesis candidate = recall.best().map(m -> new Hypothesis(m.memory().category(),
                ModelAnswer.clipRootCause(m.memory().rootCause()),
                b.calibration().calibrate(Pathway.INTUITIVE, decision.confidence()), m.memory().id()))
                .orElse(null);

        List<CausalChain> chains = List.of();
        ModelAnswer modelAnswer;
        long t5;
        List<String> notes = new ArrayList<>(analysis.notes());
        recall.best().ifPresent(m -> {
            for (String slot : CauseTemplate.unboundSlots(m.memory().rootCause())) {
                notes.add("the remembered cause names a " + slot + " that this incident's evidence does not show");
            }
        });
        if (decision.pathway() == Pathway.INTUITIVE) {
            t5 = System.nanoTime();
            modelAnswer = b.model().answer(new ModelRequest(Pathway.INTUITIVE, analysis.incident(), analysis.signals(),
                    memories, List.of(), null, config.contextTokens()));
        } else {
            chains = b.graph().explore(new Exploration(analysis.signals(), hints(memories), config.maxHops(),
                    CHAIN_LIMIT));
            t5 = System.nanoTime();
            modelAnswer = b.model().answer(new ModelRequest(Pathway.ANALYTICAL, analysis.incident(), analysis.signals(),
                    memories, chains, candidate, config.contextTokens()));
        }
        ModelAnswer answer = CauseTemplate.bindAnswer(modelAnswer, analysis);
        long t6 = System.nanoTime();
        notes.addAll(answer.notes());

        double raw = decision.pathway() == Pathway.INTUITIVE ? decision.confidence() : answer.confidence();
        double confidence = decision.pathway() == Pathway.INTUITIVE
                ? b.fastAnswers().calibrate(Pathway.INTUITIVE, raw)
                : b.calibration().calibrate(Pathway.ANALYTICAL, raw);
        List<Hypothesis> hypotheses = new ArrayList<>(answer.hypotheses());
        if (decision.pathway() == Pathway.ANALYTICAL && candidate != null) {
            // Paper 3.2.3: the analytical answer keeps the intuitive candidate and is at least as confident.
            boolean present = hypotheses.stream().anyMatch(h -> h.rootCause().equals(candidate.rootCause()));
            if (!present) {
                hypotheses.add(candidate);
            }
            confidence = Math.max(confidence, candidate.score());
        }
        double finalConfidence = clamp(confidence);
        if (hypotheses.stream().noneMatch(h -> h.rootCause().equals(answer.rootCause()))) {
            hypotheses.add(0, new Hypothesis(answer.category(), answer.rootCause(), finalConfidence, "model"));
        }
        List<String> memoriesUsed = recall.memories().stream().map(m -> m.memory().id()).toList();
        List<String> chainsUsed = chains.stream().map(CausalChain::causeId).toList();
        long total = System.nanoTime() - t0;
        Timings timings = new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, total);
        Diagnosis d = new Diagnosis(UUID.randomUUID().toString(), incident.id(), answer.category(), answer.rootCause(),
                answer.causalChain(), CommandChecker.flagDestructive(answer.remediation()), answer.prevention(),
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

    /** The intuitive candidate of a recent diagnosis, if it had one. */
    Optional<Hypothesis> intuitiveCandidate(String diagnosisId) {
        return pending.get(diagnosisId).map(PendingDiagnoses.Pending::intuitiveCandidate);
    }

    /**
     * The recalled memories, each scored by the probability that it is right: the router's trust score of its
     * factors (the same learned measure that decides the pathway; for the best memory, the one it decided with),
     * mapped through the intuitive calibration. Order and everything else are kept.
     */
    private List<ScoredMemory> scored(Recall recall, RouteDecision decision) {
        List<ScoredMemory> out = new ArrayList<>(recall.memories().size());
        for (int i = 0; i < recall.memories().size(); i++) {
            ScoredMemory m = recall.memories().get(i);
            double trust = i == 0 ? decision.confidence() : b.router().trustScore(m.factors());
            out.add(new ScoredMemory(m.memory(), m.cosine(), b.calibration().calibrate(Pathway.INTUITIVE, trust),
                    m.factors()));
        }
        return out;
    }

    /**
     * Memory hints for the graph search (the prior of eq. 5), each scored by the probability that it is right;
     * memories more likely wrong than right are left out, since a wrong prior pulls the search away from what the
     * evidence supports (measured in benchmarks/results/controller.md).
     */
    static List<Hypothesis> hints(List<ScoredMemory> memories) {
        List<Hypothesis> hints = new ArrayList<>();
        for (ScoredMemory m : memories) {
            if (m.score() >= MIN_HINT_PROBABILITY) {
                hints.add(new Hypothesis(m.memory().category(), ModelAnswer.clipRootCause(m.memory().rootCause()),
                        m.score(), m.memory().id()));
            }
        }
        return hints;
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
