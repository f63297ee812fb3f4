package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.EvidenceAnalyzerContract;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;
import dev.metakube.spi.Providers;

class KubeGraphAnalyzerContractTest extends EvidenceAnalyzerContract {
    @Override
    protected EvidenceAnalyzer createAnalyzer() {
        // discovered the way the engine finds it
        return Providers.select(EvidenceAnalyzerProvider.class, MetaKubeConfig.ANALYZER,
                MetaKubeConfig.builder().seedExperience(false).build()).create(MetaKubeConfig.builder().build());
    }
}
