package dev.metakube.spi;

import dev.metakube.api.ConfidenceFactors;
import dev.metakube.api.Pathway;

/**
 * A routing decision.
 *
 * @param pathway    the pathway chosen
 * @param confidence the trust score C of the best memory ({@link Router#trustScore}), in [0, 1]; 0 without
 *                   memories. Not a probability: the engine calibrates it into one
 * @param threshold  τ at the time of the decision
 * @param factors    the best memory's factors the trust score was computed from (all 0 without memories)
 */
public record RouteDecision(Pathway pathway, double confidence, double threshold, ConfidenceFactors factors) {
    public RouteDecision {
        if (pathway == null) {
            throw new dev.metakube.api.InvalidInputException("decision.pathway", "must be given");
        }
        factors = factors == null ? new ConfidenceFactors(0, 0, 0, 0) : factors;
    }
}
