package dev.metakube.route;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterProvider;

/** Provides the fixed-threshold router, named {@code threshold}. */
public final class ThresholdRouterProvider implements RouterProvider {
    @Override
    public String name() {
        return "threshold";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Router create(MetaKubeConfig config) {
        return new ThresholdRouter(config);
    }
}
