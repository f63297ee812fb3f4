package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ConfidenceFactors;
import dev.metakube.api.Embedding;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Recall;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
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
        RouteDecision d = r.route(Recall.EMPTY, Fixtures.query(E));
        assertEquals(Pathway.ANALYTICAL, d.pathway());
        assertEquals(0.75, d.threshold(), 1e-9, "starts at τ0");
    }

    @Test
    void aPerfectMemoryGoesTheFastWayAndAPoorOneDoesNot() {
        Router r = createRouter(MetaKubeConfig.defaults());
        Recall perfect = Fixtures.recallOf(Fixtures.episode("p", Category.RESOURCE, "oom"),
                new ConfidenceFactors(1, 1, 1, 1));
        Recall poor = Fixtures.recallOf(Fixtures.episode("q", Category.RESOURCE, "oom"),
                new ConfidenceFactors(0.2, 0.3, 0.2, 0.5));
        assertEquals(Pathway.INTUITIVE, r.route(perfect, Fixtures.query(E)).pathway());
        assertEquals(Pathway.ANALYTICAL, r.route(poor, Fixtures.query(E)).pathway());
    }

    @Test
    void thresholdStaysInBoundsUnderAnyFeedback() {
        Router r = createRouter(MetaKubeConfig.defaults());
        Random rnd = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            ConfidenceFactors f = new ConfidenceFactors(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(),
                    rnd.nextDouble());
            RouteDecision d = r.route(Fixtures.recallOf(Fixtures.episode("e", Category.NETWORK, "dns"), f),
                    Fixtures.query(E));
            assertTrue(d.confidence() >= 0 && d.confidence() <= 1, "confidence " + d.confidence());
            r.learn(new RouteOutcome(d, i % 3 == 0 ? rnd.nextBoolean() : i % 2 == 0, rnd.nextInt(100_000_000)));
            double t = r.state().threshold();
            assertTrue(t >= 0 && t <= 1, "τ out of bounds: " + t);
        }
    }
}
