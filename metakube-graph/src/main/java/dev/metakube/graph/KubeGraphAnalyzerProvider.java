package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;

/**
 * Provides the default {@link EvidenceAnalyzer}: KubeGraph's evidence analysis over its symptom vocabulary,
 * including symptoms learned under {@code dataDir/graph}. Name {@code kubegraph}, priority 100.
 */
public final class KubeGraphAnalyzerProvider implements EvidenceAnalyzerProvider {
    /** The provider name used in configuration. */
    public static final String NAME = "kubegraph";

    /** Used by {@link java.util.ServiceLoader}. */
    public KubeGraphAnalyzerProvider() {
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
    public EvidenceAnalyzer create(MetaKubeConfig config) {
        return new KubeGraphAnalyzer(config);
    }
}
