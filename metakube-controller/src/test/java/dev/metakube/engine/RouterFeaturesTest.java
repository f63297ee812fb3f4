package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pattern;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.spi.TrustFactors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterFeaturesTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private static final ClusterContext PROD = new ClusterContext("prod", "Pod", "a", "1.29", Map.of("env", "prod"));

    private static Query query(ClusterContext context, Instant at) {
        return new Query("pods restart", List.of(), context, new Embedding("m", new float[] {1, 0}), at);
    }

    private static Episode episode(ClusterContext context, Instant time, double value) {
        return new Episode("e", "pods restart", context, List.of(), Category.RESOURCE, "limit too low", "", List.of(),
                Outcome.RESOLVED, time, value);
    }

    @Test
    void theFourFactorsFollowThePaperWithTheConfiguredScales() {
        RouterFeatures features = RouterFeatures.from(MetaKubeConfig.defaults());
        Episode e = episode(PROD, T.minus(Duration.ofDays(30)), 0.7);
        TrustFactors f = features.of(new ScoredMemory(e, 0.9, 0.5, 0.7, PROD), query(PROD, T));
        assertEquals(Math.exp(-(1 - 0.9) / 0.1), f.similarity(), 1e-9, "σ_sim 0.1 by default");
        assertEquals(Math.exp(-1), f.recency(), 1e-9, "τ_r is 30 days by default");
        assertEquals(0.7, f.reliability(), 1e-12, "the store's reliability at the query's time");
        assertEquals(1.0, f.contextCompatibility(), 1e-12);
    }

    @Test
    void theStoresRankingDoesNotEnterTheFactors() {
        RouterFeatures features = RouterFeatures.from(MetaKubeConfig.defaults());
        Episode e = episode(PROD, T, 0.9);
        assertEquals(features.of(new ScoredMemory(e, 0.95, 0.01, 0.9, PROD), query(PROD, T)),
                features.of(new ScoredMemory(e, 0.95, 7.5, 0.9, PROD), query(PROD, T)));
    }

    @Test
    void aPatternIsAsRecentAsItsLastChangeAndAsReliableAsTheStoreSays() {
        RouterFeatures features = new RouterFeatures(Duration.ofDays(10), 0.25);
        Pattern p = new Pattern("p", Category.RESOURCE, "limit too low", "", List.of(), 3, 0.1, 0.9,
                T.minus(Duration.ofDays(10)));
        TrustFactors f = features.of(new ScoredMemory(p, 0.5, 0.2, 0.6, ClusterContext.EMPTY), query(PROD, T));
        assertEquals(Math.exp(-1), f.recency(), 1e-9);
        assertEquals(Math.exp(-(1 - 0.5) / 0.25), f.similarity(), 1e-9);
        assertEquals(0.6, f.reliability(), 1e-12, "decayed by the store, not the pattern's last value");
        assertEquals(0.5, f.contextCompatibility(), 1e-12, "an unknown context is neutral");
        assertEquals(1.0, features.of(new ScoredMemory(p, 0.5, 0.2, 0.6, null), query(PROD,
                T.minus(Duration.ofDays(20)))).recency(), 1e-12, "a memory from the query's future counts as fresh");
    }

    @Test
    void contextComparesNamespaceKindVersionAndLabels() {
        ClusterContext q = new ClusterContext("prod", "Pod", "a", "1.29", Map.of("env", "prod", "team", "x"));
        assertEquals(1.0, RouterFeatures.context(q, new ClusterContext("prod", "Pod", "b", "1.29",
                Map.of("env", "prod", "team", "x"))), 1e-12);
        assertEquals((1 + 1 + 0.5 + 1) / 4.0, RouterFeatures.context(q, new ClusterContext("prod", "pod", "b", "v1.28",
                Map.of("env", "prod"))), 1e-12, "same major version, kinds compared without case");
        assertEquals(0.0, RouterFeatures.context(q, new ClusterContext("dev", "Node", "b", "2.0",
                Map.of("env", "dev"))), 1e-12);
        assertEquals(0.5, RouterFeatures.context(ClusterContext.EMPTY, q), 1e-12, "unknown is neutral");
    }

    @Test
    void theSimilarityScaleIsTheMemoryPropertyAndABadOneIsRefusedByName() {
        MetaKubeConfig wide = MetaKubeConfig.builder().property(MetaKubeConfig.SIMILARITY_SCALE, "1").build();
        assertEquals("metakube.memory.similarityScale", MetaKubeConfig.SIMILARITY_SCALE);
        TrustFactors f = RouterFeatures.from(wide).of(new ScoredMemory(episode(PROD, T, 1), 0.8, 1, 1, PROD),
                query(PROD, T));
        assertEquals(Math.exp(-0.2), f.similarity(), 1e-9);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RouterFeatures.from(
                MetaKubeConfig.builder().property(MetaKubeConfig.SIMILARITY_SCALE, "0").build()));
        assertTrue(e.getMessage().contains(MetaKubeConfig.SIMILARITY_SCALE), e.getMessage());
    }

    @Test
    void everyMemoryOfARecallGetsItsFactorsInOrder() {
        RouterFeatures features = RouterFeatures.from(MetaKubeConfig.defaults());
        ScoredMemory near = new ScoredMemory(episode(PROD, T, 0.9), 0.99, 0.8, 0.9, PROD);
        ScoredMemory far = new ScoredMemory(episode(ClusterContext.EMPTY, T, 0.4), 0.7, 0.3, 0.4, null);
        FactoredRecall r = features.of(new Recall(List.of(near, far), 0.01), query(PROD, T));
        assertEquals(List.of(features.of(near, query(PROD, T)), features.of(far, query(PROD, T))), r.factors());
        assertEquals(r.factors().get(0), r.best());
        assertEquals(TrustFactors.NONE, features.of(Recall.EMPTY, query(PROD, T)).best());
    }
}
