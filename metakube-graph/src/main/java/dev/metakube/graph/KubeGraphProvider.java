package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.CausalGraphProvider;

/**
 * Provides the default {@link CausalGraph}, KubeGraph: the curated Kubernetes causal graph shipped with MetaKube
 * plus what it learned, persisted under {@code dataDir/graph} when a data directory is configured.
 * Name {@code kubegraph}, priority 100.
 */
public final class KubeGraphProvider implements CausalGraphProvider {
    /** The provider name used in configuration. */
    public static final String NAME = "kubegraph";

    /** Used by {@link java.util.ServiceLoader}. */
    public KubeGraphProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public CausalGraph create(MetaKubeConfig config) {
        return new KubeGraph(config);
    }
}
