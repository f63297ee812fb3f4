package dev.metakube.spi;

import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;

/**
 * Evidence analysis: turns an incident's raw evidence (symptoms, logs, events, {@code kubectl} output, manifests)
 * into signals in the causal graph's symptom vocabulary. The engine redacts secrets from the incident before it
 * calls the analyzer, so an analyzer never sees them; an analyzer may redact again. Implementations are
 * thread-safe.
 */
public interface EvidenceAnalyzer extends AutoCloseable {
    /**
     * Analyses {@code incident}: bounds the input (and says so in the notes) and extracts signals, strongest
     * first. Never throws on odd text; throws {@link dev.metakube.api.InvalidInputException} only for input it
     * cannot read at all.
     */
    EvidenceAnalysis analyze(Incident incident);

    /** Releases what the analyzer holds; nothing by default. */
    @Override
    default void close() {
    }
}
