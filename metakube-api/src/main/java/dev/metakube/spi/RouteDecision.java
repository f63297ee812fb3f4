package dev.metakube.spi;

import dev.metakube.api.Pathway;

/**
 * A routing decision.
 *
 * @param pathway    the pathway chosen
 * @param trustScore the trust score C of the best memory ({@link Router#trustScore}), in [0, 1]; 0 without
 *                   memories. Not a probability: the engine calibrates it into a confidence
 * @param threshold  τ at the time of the decision
 * @param factors    the best memory's factors the trust score was computed from ({@link TrustFactors#NONE} without
 *                   memories)
 */
public record RouteDecision(Pathway pathway, double trustScore, double threshold, TrustFactors factors) {
    public RouteDecision {
        if (pathway == null) {
            throw new dev.metakube.api.InvalidInputException("decision.pathway", "must be given");
        }
        factors = factors == null ? TrustFactors.NONE : factors;
    }

    /** The same decision for another pathway: trust score, threshold and factors are kept. */
    public RouteDecision withPathway(Pathway other) {
        return new RouteDecision(other, trustScore, threshold, factors);
    }
}
