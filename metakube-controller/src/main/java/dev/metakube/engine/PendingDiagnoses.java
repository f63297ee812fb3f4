package dev.metakube.engine;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Embedding;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.spi.RouteDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent diagnoses awaiting feedback, bounded (oldest dropped first), with what the engine needs to learn from
 * them. Thread-safe.
 */
final class PendingDiagnoses {
    /** What was known when a diagnosis was made. */
    record Pending(Diagnosis diagnosis, EvidenceAnalysis analysis, String text, Embedding embedding,
                   RouteDecision decision, Hypothesis intuitiveCandidate, boolean answered) {
        Pending markedAnswered() {
            return new Pending(diagnosis, analysis, text, embedding, decision, intuitiveCandidate, true);
        }
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

    synchronized void markAnswered(String id) {
        Pending p = byId.get(id);
        if (p != null) {
            byId.put(id, p.markedAnswered());
        }
    }
}
