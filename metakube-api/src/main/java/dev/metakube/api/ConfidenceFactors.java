package dev.metakube.api;

/**
 * The factors of a memory's trust score (paper eq. 8, 15), each in [0, 1]. The router combines them into the
 * trust score {@code C = Π f_j^v_j} with learned weights {@code v_j} ({@link dev.metakube.spi.Router#trustScore});
 * the engine calibrates that into the probability that the memory is right.
 *
 * @param similarity           {@code exp(−d/σ_sim)} of the embedding distance, or the cosine mapped to [0, 1]
 * @param recency              {@code exp(−Δt/τ_r)}
 * @param reliability          historical success: the episode's value or the pattern's reliability
 * @param contextCompatibility how well namespace, kind, version and labels agree with the query
 */
public record ConfidenceFactors(double similarity, double recency, double reliability, double contextCompatibility) {
    public ConfidenceFactors {
        Require.unit(similarity, "factors.similarity");
        Require.unit(recency, "factors.recency");
        Require.unit(reliability, "factors.reliability");
        Require.unit(contextCompatibility, "factors.contextCompatibility");
    }

    /** The factors in a fixed order: similarity, recency, reliability, context compatibility. */
    public double[] toArray() {
        return new double[] {similarity, recency, reliability, contextCompatibility};
    }
}
