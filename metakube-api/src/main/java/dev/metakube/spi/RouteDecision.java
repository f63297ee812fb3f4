package dev.metakube.spi;

import dev.metakube.api.ConfidenceFactors;
import dev.metakube.api.Pathway;

/**
 * A routing decision.
 *
 * @param pathway    the pathway chosen
 * @param confidence the confidence C of the best memory, in [0, 1]
 * @param threshold  τ at the time of the decision
 * @param factors    the best memory's factors the confidence was computed from (all 0 without memories)
 */
public record RouteDecision(Pathway pathway, double confidence, double threshold, ConfidenceFactors factors) {
    public RouteDecision {
        if (pathway == null) {
            throw new dev.metakube.api.InvalidInputException("decision.pathway", "must be given");
        }
        factors = factors == null ? new ConfidenceFactors(0, 0, 0, 0) : factors;
    }
}
