package dev.metakube.spi;

import dev.metakube.api.Query;
import dev.metakube.api.Recall;

/**
 * The meta-cognitive router: decides per incident whether the fast memory answer can be trusted
 * ({@code C(M*) > τ}, paper eq. 7-11) and learns from outcomes. Thread-safe.
 */
public interface Router {
    /** Decides the pathway for a recall. Must be cheap: it is on every diagnosis. */
    RouteDecision route(Recall recall, Query query);

    /** Learns from whether the fast answer for a past decision was right. */
    void learn(RouteOutcome outcome);

    /** The current threshold and weights. */
    RouterState state();
}
