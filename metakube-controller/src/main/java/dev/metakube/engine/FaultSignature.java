package dev.metakube.engine;

import dev.metakube.api.ConfidenceFactors;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
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
     * The recall with each memory's similarity and score weighed by its signature's agreement with the incident,
     * re-ranked by the weighed score.
     */
    static Recall weigh(Recall recall, EvidenceAnalysis analysis) {
        Set<String> incident = of(analysis);
        List<ScoredMemory> out = new ArrayList<>(recall.memories().size());
        for (ScoredMemory m : recall.memories()) {
            double a = agreement(incident, of(m.memory().signalKeys()));
            ConfidenceFactors f = m.factors();
            // the same fault in another namespace is as compatible as its signature says, whatever the names
            out.add(new ScoredMemory(m.memory(), m.cosine(), m.score() * a, new ConfidenceFactors(
                    f.similarity() * a, f.recency(), f.reliability(), Math.max(f.contextCompatibility(), a))));
        }
        out.sort(Comparator.comparingDouble(ScoredMemory::score).reversed());
        return new Recall(out, recall.novelty());
    }
}
