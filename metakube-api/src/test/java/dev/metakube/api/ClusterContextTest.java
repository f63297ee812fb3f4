package dev.metakube.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterContextTest {
    @Test
    void compatibilityIsTheMeanAgreementOfNamespaceKindVersionAndLabels() {
        ClusterContext incident = new ClusterContext("shop", "Deployment", "cart", "1.29", Map.of("tier", "web"));
        assertEquals(1.0, incident.compatibility(
                new ClusterContext("SHOP", "deployment", "other", "1.29", Map.of("tier", "web"))), 1e-12);
        // same major version counts half; a label shared with another value counts nothing
        assertEquals((1 + 1 + 0.5 + 0) / 4, incident.compatibility(
                new ClusterContext("shop", "Deployment", "cart", "v1.27", Map.of("tier", "db"))), 1e-12);
        // unknown on either side counts half
        assertEquals(0.5, incident.compatibility(ClusterContext.EMPTY), 1e-12);
        assertEquals((0 + 0 + 0 + 0.5) / 4, incident.compatibility(
                new ClusterContext("ops", "Node", "n1", "2.0", Map.of())), 1e-12);
    }
}
