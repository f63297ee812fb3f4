package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Embedding;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Recall;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.TrustFactors;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Router} must have. */
public abstract class RouterContract {
    /** A new router with the given configuration and nothing learned. */
    protected abstract Router createRouter(MetaKubeConfig config);

    private static final Embedding E = new Embedding("m", Fixtures.unitVector(8, 1));

    @Test
    void noMemoryMeansAnalytical() {
        Router r = createRouter(MetaKubeConfig.defaults());
        RouteDecision d = r.route(Recall.EMPTY, TrustFactors.NONE, Fixtures.query(E));
        assertEquals(Pathway.ANALYTICAL, d.pathway());
        assertEquals(0, d.trustScore(), 1e-12, "no memory, no trust");
        assertEquals(0.75, d.threshold(), 1e-9, "starts at τ0");
    }

    @Test
    void aPerfectMemoryGoesTheFastWayAndAPoorOneDoesNot() {
        Router r = createRouter(MetaKubeConfig.defaults());
        Recall recall = Fixtures.recallOf(Fixtures.episode("p", Category.RESOURCE, "oom"));
        TrustFactors perfect = new TrustFactors(1, 1, 1, 1);
        TrustFactors poor = new TrustFactors(0.2, 0.3, 0.2, 0.5);
        RouteDecision fast = r.route(recall, perfect, Fixtures.query(E));
        assertEquals(Pathway.INTUITIVE, fast.pathway());
        assertEquals(perfect, fast.factors(), "the decision keeps the factors it was made from");
        assertEquals(r.trustScore(perfect), fast.trustScore(), 1e-12, "the decision's trust score is the router's");
        assertEquals(Pathway.ANALYTICAL, r.route(recall, poor, Fixtures.query(E)).pathway());
        assertTrue(r.trustScore(poor) < r.trustScore(perfect), "poorer factors, less trust");
    }

    @Test
    void thresholdStaysInBoundsUnderAnyFeedback() {
        Router r = createRouter(MetaKubeConfig.defaults());
        Random rnd = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            TrustFactors f = new TrustFactors(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(),
                    rnd.nextDouble());
            RouteDecision d = r.route(Fixtures.recallOf(Fixtures.episode("e", Category.NETWORK, "dns")), f,
                    Fixtures.query(E));
            assertTrue(d.trustScore() >= 0 && d.trustScore() <= 1, "trust score " + d.trustScore());
            r.learn(new RouteOutcome(d, i % 3 == 0 ? rnd.nextBoolean() : i % 2 == 0, rnd.nextInt(100_000_000)));
            double t = r.state().threshold();
            assertTrue(t >= 0 && t <= 1, "τ out of bounds: " + t);
        }
    }
}
