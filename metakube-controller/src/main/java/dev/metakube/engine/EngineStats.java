package dev.metakube.engine;

import dev.metakube.api.Pathway;
import dev.metakube.spi.GraphStats;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.RouterState;
import java.util.Map;

/**
 * What an engine knows and has done: the introspection behind {@code metakube stats}.
 *
 * @param memory             the memory store's counts: episodes and patterns (zeros with the
 *                           {@link dev.metakube.standin.NoMemory} stand-in)
 * @param graph              the causal graph's size
 * @param router             the router's threshold τ, confidence weights and counts
 * @param diagnoses          diagnoses made since the engine started
 * @param intuitive          of those, how many took the intuitive pathway (the pathway mix)
 * @param feedbacks          feedback applied since the engine started
 * @param feedbackIgnored    feedback acknowledged but not applied (duplicates, contradictions, or every one
 *                           with {@link Learner#ignoringFeedback()})
 * @param journalPending     lessons journaled but not yet fully applied (0 in a healthy engine)
 * @param calibrationSamples outcomes the confidence calibration has learned from, per pathway
 * @param recent             precision over the most recent labelled diagnoses
 * @param backends           the names of the backends in use: memory, graph, model, router, embedder
 */
public record EngineStats(MemoryStats memory, GraphStats graph, RouterState router, long diagnoses, long intuitive,
                          long feedbacks, long feedbackIgnored, int journalPending,
                          Map<Pathway, Integer> calibrationSamples, Recent recent, String backends) {
    public EngineStats {
        calibrationSamples = calibrationSamples == null ? Map.of() : Map.copyOf(calibrationSamples);
    }

    /** The share of diagnoses that took the intuitive pathway; 0 before any. */
    public double intuitiveShare() {
        return diagnoses == 0 ? 0 : (double) intuitive / diagnoses;
    }

    /**
     * Precision over the last labelled diagnoses (those that received feedback naming this engine's diagnosis).
     *
     * @param window              how many labelled diagnoses are kept
     * @param labelled            how many there are now (at most {@code window})
     * @param intuitiveShare      the share of them that took the intuitive pathway
     * @param intuitivePrecision  the share of intuitive ones that were right
     * @param analyticalPrecision the share of analytical ones that were right
     * @param precision           the share of all that were right
     * @param candidatePrecision  the share of intuitive candidates (taken or not) that were right
     */
    public record Recent(int window, int labelled, double intuitiveShare, double intuitivePrecision,
                         double analyticalPrecision, double precision, double candidatePrecision) {
    }
}
