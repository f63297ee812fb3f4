package dev.metakube.spi;

import dev.metakube.api.InvalidInputException;

/**
 * The factors of a memory's trust score (paper eq. 8, 15), each in [0, 1]. The engine computes them for every
 * recalled memory from the query, the memory store's answer and the query's time; the router combines them into
 * the trust score {@code C = Π f_j^v_j} with learned weights {@code v_j} ({@link Router#trustScore}), and the
 * engine calibrates that into the confidence, the probability that the memory is right.
 *
 * @param similarity           {@code exp(−(1 − cos)/σ_sim)} of the cosine between the query and the memory
 * @param recency              {@code exp(−Δt/τ_r)} of the memory's age at the query's time
 * @param reliability          historical success: the episode's value or the pattern's reliability
 * @param contextCompatibility how well namespace, kind, version and labels agree with the query
 */
public record TrustFactors(double similarity, double recency, double reliability, double contextCompatibility) {
    /** The factors of no memory at all: every one 0. */
    public static final TrustFactors NONE = new TrustFactors(0, 0, 0, 0);

    public TrustFactors {
        unit(similarity, "factors.similarity");
        unit(recency, "factors.recency");
        unit(reliability, "factors.reliability");
        unit(contextCompatibility, "factors.contextCompatibility");
    }

    private static void unit(double x, String field) {
        if (!(x >= 0 && x <= 1)) {
            throw new InvalidInputException(field, "must be in [0, 1], was " + x);
        }
    }
}
