package dev.metakube.route;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.RouterContract;
import dev.metakube.spi.Router;

class MetaCognitiveRouterContractTest extends RouterContract {
    @Override
    protected Router createRouter(MetaKubeConfig config) {
        return new MetaCognitiveRouter(config);
    }
}
