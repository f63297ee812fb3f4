package dev.metakube.plugin;

import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;

/**
 * An example plugin: wraps another router and never lets workloads labelled {@code tier=critical} take the
 * fast pathway, whatever the memory's trust score. Everything else is decided, and learned, by the wrapped
 * router.
 */
public final class CriticalWorkloadRouter implements Router {
    private final Router delegate;

    public CriticalWorkloadRouter(Router delegate) {
        this.delegate = delegate;
    }

    @Override
    public RouteDecision route(Recall recall, TrustFactors best, Query query) {
        RouteDecision d = delegate.route(recall, best, query);
        if (d.pathway() == Pathway.INTUITIVE && "critical".equals(query.context().labels().get("tier"))) {
            return d.withPathway(Pathway.ANALYTICAL);
        }
        return d;
    }

    @Override
    public void learn(RouteOutcome outcome) {
        delegate.learn(outcome);
    }

    @Override
    public RouterState state() {
        return delegate.state();
    }
}
