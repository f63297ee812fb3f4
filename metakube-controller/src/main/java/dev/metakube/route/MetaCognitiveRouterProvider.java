package dev.metakube.route;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterProvider;

/**
 * Provides the meta-cognitive router (learned confidence weights, adaptive threshold with a risk guard), named
 * {@code metacognitive}. It is the default: its priority 100 is above the fixed {@code threshold} router's.
 * Settings: {@code metakube.router.targetError} (ε of the fast pathway, default 0.08),
 * {@code metakube.router.weightRate} (default 0.05), {@code metakube.router.window} (default 1000 outcomes).
 */
public final class MetaCognitiveRouterProvider implements RouterProvider {
    @Override
    public String name() {
        return "metacognitive";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Router create(MetaKubeConfig config) {
        return new MetaCognitiveRouter(config);
    }
}
