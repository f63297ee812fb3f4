package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recurrence of a scenario in new dress. */
class NewDressTest {
    private static Scenario scenario() {
        String events = "Warning  Failed  kubelet  Error: secret \"cart-credentials\" not found\n"
                + "Normal  Pulling  kubelet  pulling image \"registry.shop.internal/team/cart-api:2.4.1-rc3\"\n"
                + "Successfully assigned shop/cart-api-7d9f8-x2x8q to worker-17\n"
                + "resources: limits: memory: 256Mi\n"
                + "default/kube-root-ca.crt mounted; exit code 137; containerPort: 8080; dial 10.4.2.17:5432";
        return new Scenario("s-1", Category.CONFIGURATION, "The cart-api pods never start and keep failing.",
                List.of(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n shop", events)),
                new ClusterContext("shop", "Deployment", "cart-api", "1.29", Map.of("app", "cart-api")),
                "The Secret cart-credentials referenced by cart-api does not exist in shop",
                List.of("secret cart-credentials", "does not exist"), List.of("create the secret cart-credentials"),
                List.of(), "kubectl create secret generic cart-credentials -n shop", "", "test");
    }

    @Test
    void everyNameHostImageAndNumberIsChangedConsistently() {
        Scenario s = scenario();
        Scenario v = NewDress.variant(s, 7);
        String text = v.evidence().get(0).text() + v.evidence().get(0).source() + v.symptoms() + v.rootCause()
                + v.context();
        for (String old : List.of("cart-credentials", "cart-api", "shop", "registry.shop.internal", "worker-17",
                "256Mi", "10.4.2.17", "8080", "2.4.1-rc3")) {
            assertFalse(text.contains(old), old + " left in " + text);
        }
        // vocabulary of the fault stays: the reason, the exit code, the system namespace
        assertTrue(text.contains("not found") && text.contains("exit code 137") && text.contains("default/"));
        String secret = NewDress.renaming(s, 7).get("cart-credentials");
        assertTrue(v.evidence().get(0).text().contains("secret \"" + secret + "\""));
        assertEquals("secret " + secret, v.rootCauseKeywords().get(0));
        assertTrue(v.fix().contains(secret));
        assertEquals(v.context().name(), NewDress.renaming(s, 7).get("cart-api"));
        assertNotEquals(s.symptoms(), v.symptoms());
        assertEquals(s.category(), v.category());
        assertEquals("s-1~recurrence", v.id());
    }

    @Test
    void theSameSeedGivesTheSameVariantAndAnotherSeedAnother() {
        Scenario s = scenario();
        assertEquals(NewDress.variant(s, 3), NewDress.variant(s, 3));
        assertNotEquals(NewDress.variant(s, 3).rootCause(), NewDress.variant(s, 4).rootCause());
    }
}
