package dev.metakube.engine;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Verdict;
import dev.metakube.spi.RouteDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent diagnoses awaiting feedback, bounded (oldest dropped first), with what the engine needs to learn from
 * them. Thread-safe.
 */
final class PendingDiagnoses {
    /**
     * What was known when a diagnosis was made.
     *
     * @param rawScore           the score before calibration (the router's trust score, or the analytical answer's)
     * @param intuitiveCandidate the best memory's answer, taken or not; null without memories
     * @param answer             the feedback already applied to it; null while none
     */
    record Pending(Diagnosis diagnosis, EvidenceAnalysis analysis, String text, Embedding embedding,
                   RouteDecision decision, Hypothesis intuitiveCandidate, double rawScore, Answer answer) {
        boolean answered() {
            return answer != null;
        }
    }

    /** The truth a piece of feedback reported. */
    record Answer(Category category, String rootCause, Verdict verdict) {
    }

    private final int capacity;
    private final Map<String, Pending> byId;

    PendingDiagnoses(int capacity) {
        this.capacity = capacity;
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                return size() > PendingDiagnoses.this.capacity;
            }
        };
    }

    synchronized void put(Pending p) {
        byId.put(p.diagnosis().id(), p);
    }

    synchronized Optional<Pending> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized void markAnswered(String id, Answer answer) {
        Pending p = byId.get(id);
        if (p != null) {
            byId.put(id, new Pending(p.diagnosis(), p.analysis(), p.text(), p.embedding(), p.decision(),
                    p.intuitiveCandidate(), p.rawScore(), answer));
        }
    }
}
