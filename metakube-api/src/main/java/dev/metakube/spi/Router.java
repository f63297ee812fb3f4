package dev.metakube.spi;

import dev.metakube.api.Query;
import dev.metakube.api.Recall;

/**
 * The meta-cognitive router: decides per incident whether the fast memory answer can be trusted
 * ({@code C(M*) > τ}, paper eq. 7-11) and learns from outcomes. Thread-safe.
 *
 * <p>The router never computes the factors of a memory itself: the engine computes them, the same way for every
 * router and every memory store, and hands them over.
 */
public interface Router {
    /**
     * The trust score {@code C} this router gives a memory with these factors (paper eq. 8), the quantity
     * {@link #route} compares with τ. The engine scores every recalled memory with it, so that memories reach the
     * graph search and the model ranked by the same measure the router trusts. The default is the plain product
     * {@code Π f_j}; a router that learns weights returns {@code Π f_j^v_j}. Must be cheap.
     */
    default double trustScore(TrustFactors factors) {
        return factors.similarity() * factors.recency() * factors.reliability() * factors.contextCompatibility();
    }

    /**
     * Decides the pathway for a recall. Must be cheap: it is on every diagnosis.
     *
     * @param recall the memories recalled for the query, best first
     * @param best   the trust factors of the recall's best memory; {@link TrustFactors#NONE} when it recalled none
     * @param query  what was asked of the memory
     */
    RouteDecision route(Recall recall, TrustFactors best, Query query);

    /** Learns from whether the fast answer for a past decision was right. */
    void learn(RouteOutcome outcome);

    /** The current threshold and weights. */
    RouterState state();
}
