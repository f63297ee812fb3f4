package dev.metakube.plugin;

import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;

/**
 * An example plugin: wraps another router and never lets workloads labelled {@code tier=critical} take the
 * fast pathway, whatever the memory's confidence. Everything else is decided, and learned, by the wrapped
 * router.
 */
public final class CriticalWorkloadRouter implements Router {
    private final Router delegate;

    public CriticalWorkloadRouter(Router delegate) {
        this.delegate = delegate;
    }

    @Override
    public RouteDecision route(Recall recall, Query query) {
        RouteDecision d = delegate.route(recall, query);
        if (d.pathway() == Pathway.INTUITIVE && "critical".equals(query.context().labels().get("tier"))) {
            return new RouteDecision(Pathway.ANALYTICAL, d.confidence(), d.threshold(), d.factors());
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
