package dev.metakube.engine;

import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Memory;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.TrustFactors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fault without the names: the keys of what the evidence analysis found (the checks that fired, Kubernetes
 * reasons, error classes of the telling log lines, exit codes, node conditions), named objects left out. Two
 * incidents of the same fault share it whatever their workloads are called; two faults that merely read alike
 * (manifests that look the same once names are masked) do not. A recalled memory's similarity is weighed by how
 * far its signature agrees with the incident's, so memory of another fault cannot outvote the evidence, neither
 * by taking the fast pathway nor as a strong hint.
 */
final class FaultSignature {
    /** Agreement when neither side has a signature: nothing says they are the same fault, nor that they differ. */
    static final double BOTH_EMPTY = 0.6;
    /** Agreement when only one side has a signature. */
    static final double ONE_EMPTY = 0.3;
    /** Agreement of disjoint signatures: the memory stays recallable, far down. */
    static final double DISJOINT = 0.05;
    /** Agreement from which a memory is the same fault and may answer alone. */
    static final double FAST_AGREEMENT = 0.75;
    private static final String OBJECT_PREFIX = "object:";

    private FaultSignature() {
    }

    /** The signature of signal keys: every key but those of named objects. */
    static Set<String> of(Collection<String> signalKeys) {
        Set<String> out = new HashSet<>();
        for (String k : signalKeys) {
            if (!k.startsWith(OBJECT_PREFIX)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The signature of an analysed incident. */
    static Set<String> of(EvidenceAnalysis analysis) {
        Set<String> out = new HashSet<>();
        for (Signal s : analysis.signals()) {
            if (s.kind() != SignalKind.OBJECT) {
                out.add(s.key());
            }
        }
        return out;
    }

    /** How far two signatures agree, in (0, 1]: their Jaccard index, with the bounds above. */
    static double agreement(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return BOTH_EMPTY;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return ONE_EMPTY;
        }
        int shared = 0;
        for (String k : a) {
            if (b.contains(k)) {
                shared++;
            }
        }
        double jaccard = (double) shared / (a.size() + b.size() - shared);
        return Math.max(DISJOINT, jaccard);
    }

    /**
     * The most a memory's probability of being right may be, by how far its signature agrees with the incident's:
     * no limit for the same fault (agreement at least {@value #FAST_AGREEMENT}), else the agreement itself. The
     * router's learned weights may come to discount similarity (where the weighed agreement sits); this bound holds
     * whatever they learn, so that memory of another fault cannot outvote the incident's own evidence.
     */
    static double bound(Set<String> incident, Memory m) {
        double a = agreement(incident, of(m.signalKeys()));
        return a >= FAST_AGREEMENT ? 1 : a;
    }

    /**
     * The router's decision, kept only where it is honest: memory answers alone (the intuitive pathway) only when
     * its best memory is a fault that was resolved and whose signature matches the incident's (agreement at least
     * {@value #FAST_AGREEMENT}, both non-empty); anything else goes the analytical way, memory still a hint there.
     */
    static RouteDecision fastOnlyOnMatch(RouteDecision decision, Recall recall, EvidenceAnalysis analysis) {
        if (decision.pathway() != Pathway.INTUITIVE || recall.best().isEmpty()) {
            return decision;
        }
        Memory best = recall.best().get().memory();
        Set<String> incident = of(analysis);
        Set<String> remembered = of(best.signalKeys());
        boolean resolved = !(best instanceof Episode e) || e.outcome() != Outcome.UNRESOLVED;
        if (resolved && !incident.isEmpty() && !remembered.isEmpty()
                && agreement(incident, remembered) >= FAST_AGREEMENT) {
            return decision;
        }
        return decision.withPathway(Pathway.ANALYTICAL);
    }

    /**
     * The recall with each memory's relevance and similarity factor weighed by its signature's agreement with the
     * incident, re-ranked by the weighed relevance.
     */
    static FactoredRecall weigh(FactoredRecall recall, EvidenceAnalysis analysis) {
        Set<String> incident = of(analysis);
        List<ScoredMemory> memories = recall.recall().memories();
        List<Weighed> out = new ArrayList<>(memories.size());
        for (int i = 0; i < memories.size(); i++) {
            ScoredMemory m = memories.get(i);
            TrustFactors f = recall.factors().get(i);
            double a = agreement(incident, of(m.memory().signalKeys()));
            // the same fault in another namespace is as compatible as its signature says, whatever the names
            out.add(new Weighed(new ScoredMemory(m.memory(), m.cosine(), m.relevance() * a, m.reliability(),
                    m.context()), new TrustFactors(f.similarity() * a, f.recency(), f.reliability(),
                    Math.max(f.contextCompatibility(), a))));
        }
        out.sort(Comparator.comparingDouble((Weighed w) -> w.memory().relevance()).reversed());
        return new FactoredRecall(new Recall(out.stream().map(Weighed::memory).toList(), recall.recall().novelty()),
                out.stream().map(Weighed::factors).toList());
    }

    /** A memory and its factors, weighed. */
    private record Weighed(ScoredMemory memory, TrustFactors factors) {
    }
}
