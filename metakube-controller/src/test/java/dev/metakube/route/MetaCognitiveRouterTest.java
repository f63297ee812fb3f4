package dev.metakube.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Embedding;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.contract.Fixtures;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaCognitiveRouterTest {
    private static final Embedding E = new Embedding("m", Fixtures.unitVector(8, 1));

    private static RouteDecision route(Router r, double sim, double rec, double rel, double ctx) {
        return r.route(Fixtures.recallOf(Fixtures.episode("e", Category.RESOURCE, "oom")),
                new TrustFactors(sim, rec, rel, ctx), Fixtures.query(E));
    }

    @Test
    void trustScoreIsTheWeightedProductOfTheFactors() {
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        RouteDecision d = route(r, 0.9, 0.8, 0.7, 1.0);
        assertEquals(0.9 * 0.8 * 0.7, d.trustScore(), 1e-9, "all weights start at 1");
        assertEquals(Pathway.ANALYTICAL, d.pathway(), "0.504 is below τ0 = 0.75");
    }

    @Test
    void theTrustScoreOfAnyMemoryUsesTheLearnedWeightsLikeTheDecision() {
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        Random rnd = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            double informative = 0.05 + 0.95 * rnd.nextDouble();
            RouteDecision d = route(r, informative, 0.05 + 0.95 * rnd.nextDouble(), 1, 1);
            r.learn(new RouteOutcome(d, rnd.nextDouble() < informative, 1_000_000));
        }
        TrustFactors f = new TrustFactors(0.7, 0.4, 0.9, 0.6);
        double decided = route(r, 0.7, 0.4, 0.9, 0.6).trustScore();
        assertEquals(decided, r.trustScore(f), 1e-12);
        assertTrue(Math.abs(decided - 0.7 * 0.4 * 0.9 * 0.6) > 0.01, "weights moved away from 1: " + r.state());
        Router plain = new ThresholdRouter(MetaKubeConfig.defaults());
        assertEquals(0.7 * 0.4 * 0.9 * 0.6, plain.trustScore(f), 1e-12, "the default is the plain product");
    }

    @Test
    void thresholdFallsAfterARunOfCorrectFastAnswers() {
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        double before = r.state().threshold();
        for (int i = 0; i < 20; i++) {
            RouteDecision d = route(r, 0.8, 1, 1, 1);
            assertEquals(Pathway.INTUITIVE, d.pathway());
            double tau = r.state().threshold();
            r.learn(new RouteOutcome(d, true, 5_000_000));
            assertTrue(r.state().threshold() < tau, "τ falls after each correct fast answer near it");
        }
        assertTrue(r.state().threshold() < before - 0.05, "τ " + r.state().threshold());
    }

    @Test
    void thresholdRisesAfterErrors() {
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        double before = r.state().threshold();
        for (int i = 0; i < 20; i++) {
            RouteDecision d = route(r, 0.8, 1, 1, 1);
            double tau = r.state().threshold();
            r.learn(new RouteOutcome(d, false, 5_000_000));
            assertTrue(r.state().threshold() > tau || r.state().threshold() == MetaCognitiveRouter.TAU_MAX);
        }
        assertTrue(r.state().threshold() > before + 0.05, "τ " + r.state().threshold());
        assertEquals(Pathway.ANALYTICAL, route(r, 0.8, 1, 1, 1).pathway(), "the failing region now goes the slow way");
    }

    @Test
    void weightsConvergeOnTheInformativeFactorAndDropTheNoise() {
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        Random rnd = new Random(7);
        for (int i = 0; i < 40_000; i++) {
            double informative = 0.05 + 0.95 * rnd.nextDouble();
            double noise = 0.05 + 0.95 * rnd.nextDouble();
            RouteDecision d = route(r, informative, noise, 1, 1);
            boolean right = rnd.nextDouble() < informative;
            r.learn(new RouteOutcome(d, right, 1_000_000));
        }
        RouterState s = r.state();
        double sim = s.weights().get("similarity");
        double rec = s.weights().get("recency");
        assertTrue(Math.abs(sim - 1) < 0.25, "the informative factor's weight approaches 1: " + s.weights());
        assertTrue(rec < 0.15, "the noise factor's weight approaches 0: " + s.weights());
        assertEquals(1.0, s.weights().get("reliability"), 1e-9, "a constant factor of 1 carries no gradient");
    }

    @Test
    void theRiskGuardKeepsTheFastPathwayPrecise() {
        // The trust score says little: below 0.95 the fast answer is right only 60% of the time.
        Router r = new MetaCognitiveRouter(MetaKubeConfig.defaults());
        Random rnd = new Random(11);
        int fast = 0;
        int fastRight = 0;
        for (int i = 0; i < 3_000; i++) {
            double sim = 0.6 + 0.4 * rnd.nextDouble();
            RouteDecision d = route(r, sim, 1, 1, 1);
            boolean right = sim > 0.95 ? rnd.nextDouble() < 0.98 : rnd.nextDouble() < 0.6;
            if (i >= 1_000 && d.pathway() == Pathway.INTUITIVE) {
                fast++;
                fastRight += right ? 1 : 0;
            }
            r.learn(new RouteOutcome(d, right, d.pathway() == Pathway.INTUITIVE ? 3_000_000 : 9_000_000));
        }
        assertTrue(fast > 100, "the reliable region still goes the fast way: " + fast);
        double precision = (double) fastRight / fast;
        assertTrue(precision >= 0.9, "fast precision " + precision + " over " + fast + "; τ " + r.state().threshold());
    }

    @Test
    void stateSurvivesARestartAndIsWrittenAtomically(@TempDir Path dir) throws Exception {
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).build();
        Router r = new MetaCognitiveRouter(config);
        for (int i = 0; i < 50; i++) {
            r.learn(new RouteOutcome(route(r, 0.7 + (i % 5) * 0.05, 0.9, 1, 1), i % 4 != 0, 2_000_000));
        }
        RouterState before = r.state();
        Path file = dir.resolve("router").resolve("state.json");
        assertTrue(Files.exists(file));
        assertTrue(!Files.exists(file.resolveSibling("state.json.tmp")), "no temporary file left behind");
        RouterState after = new MetaCognitiveRouter(config).state();
        assertEquals(before.threshold(), after.threshold(), 1e-12);
        assertEquals(before.weights(), after.weights());
        assertEquals(before.learned(), after.learned());
    }

    @Test
    void aCorruptedStateFileIsReportedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("router").resolve("state.json");
        Files.createDirectories(file.getParent());
        byte[] junk = "{\"format\":1,\"tau\":".getBytes(StandardCharsets.UTF_8);
        Files.write(file, junk);
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).build();
        StorageCorruptedException e = assertThrows(StorageCorruptedException.class, () -> new MetaCognitiveRouter(config));
        assertTrue(e.getMessage().contains("state.json"), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file));
    }

    @Test
    void badSettingsFailNamingTheProperty() {
        MetaKubeConfig config = MetaKubeConfig.builder().property(RouterSettings.TARGET_ERROR, "lots").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new MetaCognitiveRouter(config));
        assertTrue(e.getMessage().contains(RouterSettings.TARGET_ERROR), e.getMessage());
    }

    @Test
    void theProviderIsTheDefaultAboveTheFixedThreshold() {
        assertTrue(new MetaCognitiveRouterProvider().priority() > new ThresholdRouterProvider().priority());
        assertEquals("metacognitive", new MetaCognitiveRouterProvider().name());
    }
}
