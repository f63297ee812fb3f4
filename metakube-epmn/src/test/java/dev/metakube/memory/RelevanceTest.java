package dev.metakube.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pattern;
import dev.metakube.api.Query;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelevanceTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void recencyHalvesAfterTauTimesLnTwo() {
        Duration tau = Duration.ofDays(30);
        assertEquals(1.0, Relevance.recency(T, T, tau), 1e-12);
        assertEquals(Math.exp(-1), Relevance.recency(T, T.plus(tau), tau), 1e-9);
        assertEquals(1.0, Relevance.recency(T.plusSeconds(5), T, tau), 1e-12, "future memories are fresh");
    }

    @Test
    void similarityIsExpOfMinusDistanceOverScale() {
        assertEquals(1.0, Relevance.similarity(1.0, 0.1), 1e-12);
        assertEquals(Math.exp(-1), Relevance.similarity(0.9, 0.1), 1e-9);
        assertEquals(Math.exp(-2), Relevance.similarity(0.8, 0.1), 1e-9);
        assertEquals(Math.E, Relevance.similarity(0.95, 0.1) / Relevance.similarity(0.85, 0.1), 1e-9,
                "ten points of cosine are a factor e apart, where the raw cosine differs by 12%");
        assertEquals(Math.exp(-20), Relevance.similarity(-1.5, 0.1), 1e-15, "cosines are clamped to [-1, 1]");
    }

    @Test
    void aBadSimilarityScaleIsRefusedByName() {
        dev.metakube.api.MetaKubeConfig c = dev.metakube.api.MetaKubeConfig.builder()
                .property(EpmnSettings.SIMILARITY_SCALE, "0").build();
        dev.metakube.api.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.metakube.api.InvalidInputException.class, () -> EpmnSettings.from(c));
        assertTrue(e.getMessage().contains(EpmnSettings.SIMILARITY_SCALE), e.getMessage());
        assertEquals(0.25, EpmnSettings.from(dev.metakube.api.MetaKubeConfig.builder()
                .property(EpmnSettings.SIMILARITY_SCALE, "0.25").build()).similarityScale(), 1e-12);
    }

    @Test
    void contextComparesNamespaceKindVersionAndLabels() {
        ClusterContext q = new ClusterContext("prod", "Pod", "a", "1.29", Map.of("env", "prod", "team", "x"));
        assertEquals(1.0, Relevance.context(q, new ClusterContext("prod", "Pod", "b", "1.29",
                Map.of("env", "prod", "team", "x"))), 1e-12);
        double sameMajor = Relevance.context(q, new ClusterContext("prod", "Pod", "b", "1.28",
                Map.of("env", "prod")));
        assertEquals((1 + 1 + 0.5 + 1) / 4, sameMajor, 1e-12);
        assertEquals(0.0, Relevance.context(q, new ClusterContext("dev", "Node", "b", "2.0",
                Map.of("env", "dev"))), 1e-12);
        assertEquals(0.5, Relevance.context(ClusterContext.EMPTY, q), 1e-12, "unknown is neutral");
    }

    private static Query query(List<Signal> signals, String text) {
        return new Query(text, signals, null, new Embedding("m", new float[] {1}), T);
    }

    @Test
    void complexityGrowsWithDistinctSymptoms() {
        Signal oom = new Signal("oom-killed", SignalKind.REASON, "OOMKilled", "", 1);
        Signal dns = new Signal("dns-failure", SignalKind.ERROR_PHRASE, "no such host", "", 1);
        Signal cert = new Signal("cert-expired", SignalKind.ERROR_PHRASE, "x509", "", 1);
        double one = Relevance.complexity(query(List.of(oom), ""));
        double two = Relevance.complexity(query(List.of(oom, dns), ""));
        double three = Relevance.complexity(query(List.of(oom, dns, cert), ""));
        assertEquals(0, one, 1e-12);
        assertTrue(one < two && two < three && three <= 1, one + " " + two + " " + three);
        assertTrue(Relevance.complexity(query(List.of(), "pod restarting after oom kill on node pressure")) > 0);
        assertEquals(0, Relevance.complexity(query(List.of(), "")), 1e-12);
    }

    @Test
    void psiFavoursPatternsForNovelOrComplexQueries() {
        assertEquals(0.25, Relevance.patternWeight(0, 0), 1e-12);
        assertEquals(0.75, Relevance.patternWeight(1, 1), 1e-12);
        assertTrue(Relevance.patternWeight(0.6, 0.2) > Relevance.patternWeight(0.1, 0.2));
    }


    @Test
    void mixGivesPatternsTheirShareOfPlaces() {
        List<ScoredMemory> episodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            episodes.add(ScoredMemory.of(Synthetic.episode("e" + i, Category.IMAGE, "c", "f", Outcome.RESOLVED),
                    0.9, 0.9 - i * 0.01));
        }
        List<ScoredMemory> patterns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            patterns.add(ScoredMemory.of(new Pattern("p" + i, Category.IMAGE, "c", "f", List.of(), 3, 0.1, 0.8, T),
                    0.8, 0.3 - i * 0.01));
        }
        List<ScoredMemory> mixed = Relevance.mix(episodes, patterns, 0.5, 10);
        assertEquals(10, mixed.size());
        assertEquals(5, mixed.stream().filter(m -> m.memory() instanceof Pattern).count());
        for (int i = 1; i < mixed.size(); i++) {
            assertTrue(mixed.get(i - 1).relevance() >= mixed.get(i).relevance());
        }
        assertEquals(3, Relevance.mix(episodes, patterns, 0.25, 10).stream()
                .filter(m -> m.memory() instanceof Pattern).count(), "round(0.25 × 10) = 3");
        assertEquals(10, Relevance.mix(episodes, List.of(), 0.75, 10).size(), "no patterns: episodes fill in");
        assertEquals(5, Relevance.mix(List.of(), patterns, 0.25, 10).size(), "no episodes: patterns fill in");
    }
}
