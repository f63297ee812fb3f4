package dev.metakube.route;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plain router: the fast pathway when the best memory's trust score {@code C = Π f_j} (all weights 1,
 * paper eq. 8) exceeds a fixed threshold τ0 (eq. 7). It learns nothing; it counts.
 */
final class ThresholdRouter implements Router {
    private final double threshold;
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong learned = new AtomicLong();

    ThresholdRouter(MetaKubeConfig config) {
        this.threshold = config.initialThreshold();
    }

    @Override
    public RouteDecision route(Recall recall, TrustFactors f, Query query) {
        decisions.incrementAndGet();
        if (recall.memories().isEmpty()) {
            return new RouteDecision(Pathway.ANALYTICAL, 0, threshold, null);
        }
        double c = trustScore(f);
        return new RouteDecision(c > threshold ? Pathway.INTUITIVE : Pathway.ANALYTICAL, c, threshold, f);
    }

    @Override
    public void learn(RouteOutcome outcome) {
        learned.incrementAndGet();
    }

    @Override
    public RouterState state() {
        return new RouterState(threshold, Map.of("similarity", 1.0, "recency", 1.0, "reliability", 1.0,
                "context", 1.0), decisions.get(), learned.get());
    }
}
