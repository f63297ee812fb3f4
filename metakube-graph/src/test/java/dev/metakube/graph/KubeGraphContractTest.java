package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.CausalGraphContract;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.EvidenceAnalyzer;

class KubeGraphContractTest extends CausalGraphContract {
    @Override
    protected CausalGraph createGraph() {
        return new KubeGraphProvider().create(MetaKubeConfig.builder().seedExperience(false).build());
    }

    @Override
    protected EvidenceAnalyzer createAnalyzer() {
        return new KubeGraphAnalyzerProvider().create(MetaKubeConfig.builder().seedExperience(false).build());
    }
}
