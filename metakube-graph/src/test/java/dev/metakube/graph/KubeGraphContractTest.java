package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.CausalGraphContract;
import dev.metakube.spi.CausalGraph;

class KubeGraphContractTest extends CausalGraphContract {
    @Override
    protected CausalGraph createGraph() {
        return new KubeGraphProvider().create(MetaKubeConfig.builder().seedExperience(false).build());
    }
}
