package dev.metakube.plugin;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Providers;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterProvider;

/**
 * Provides {@link CriticalWorkloadRouter} as {@code critical-guard}. Its priority is low, so it is used only
 * when named: {@code MetaKubeConfig.builder().provider("router", "critical-guard")}. It wraps the best other
 * router on the class path.
 */
public final class CriticalWorkloadRouterProvider implements RouterProvider {
    @Override
    public String name() {
        return "critical-guard";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Router create(MetaKubeConfig config) {
        for (RouterProvider p : Providers.all(RouterProvider.class)) {
            if (!p.name().equals(name()) && p.isAvailable(config)) {
                return new CriticalWorkloadRouter(p.create(config));
            }
        }
        throw new BackendUnavailableException("critical-guard wraps another router, and none is on the class path; "
                + "add dev.metakube:metakube-controller");
    }
}
