package dev.metakube.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.engine.MetaKube;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CriticalWorkloadRouterTest {
    /** A router that trusts everything, and counts what it learns. */
    private static final class Trusting implements Router {
        final AtomicInteger learned = new AtomicInteger();

        @Override
        public RouteDecision route(Recall recall, TrustFactors best, Query query) {
            return new RouteDecision(Pathway.INTUITIVE, 0.9, 0.75, null);
        }

        @Override
        public void learn(RouteOutcome outcome) {
            learned.incrementAndGet();
        }

        @Override
        public RouterState state() {
            return new RouterState(0.75, Map.of(), 0, learned.get());
        }
    }

    private static Query query(Map<String, String> labels) {
        return new Query("q", java.util.List.of(), new ClusterContext("billing", "Pod", "b", "1.29", labels),
                new Embedding("m", new float[] {1, 0}), null);
    }

    @Test
    void criticalWorkloadsNeverTakeTheFastPathway() {
        Trusting inner = new Trusting();
        Router guard = new CriticalWorkloadRouter(inner);
        assertEquals(Pathway.INTUITIVE,
                guard.route(Recall.EMPTY, TrustFactors.NONE, query(Map.of("tier", "web"))).pathway());
        RouteDecision d = guard.route(Recall.EMPTY, TrustFactors.NONE, query(Map.of("tier", "critical")));
        assertEquals(Pathway.ANALYTICAL, d.pathway());
        assertEquals(0.9, d.trustScore(), 1e-9, "the trust score is the wrapped router's");
        guard.learn(new RouteOutcome(d, true, 1000));
        assertEquals(1, inner.learned.get(), "learning goes to the wrapped router");
    }

    @Test
    void isChosenByNameThroughConfiguration() {
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false)
                .provider(MetaKubeConfig.ROUTER, "critical-guard").build();
        try (MetaKube mk = MetaKube.builder().config(config).build()) {
            assertTrue(mk.stats().backends().contains("router=CriticalWorkloadRouter"), mk.stats().backends());
        }
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).build()) {
            assertTrue(!mk.stats().backends().contains("CriticalWorkloadRouter"), "low priority: not used unless named");
        }
    }
}
