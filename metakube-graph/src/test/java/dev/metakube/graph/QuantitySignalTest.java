package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Signal;
import dev.metakube.spi.CausalGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests and limits are read as quantities whether the manifest quotes them or not. */
class QuantitySignalTest {
    private static CausalGraph graph;

    @BeforeAll
    static void open() {
        graph = new KubeGraphProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static String value(String manifestResources, String key) {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: tool}
                spec:
                  containers:
                  - name: tool
                    image: registry.example.com/tool:1.2.0
                    resources:
                      requests:
                """ + manifestResources.indent(8);
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(Incident.builder().id("q")
                .evidence(new Evidence(EvidenceKind.MANIFEST, "", pod)).build());
        return a.signals().stream().filter(s -> s.key().equals(key)).map(Signal::value).findFirst().orElse(null);
    }

    @Test
    void quotedAndPlainQuantities() {
        assertEquals("3", value("cpu: \"3\"", "cpu-quantity"));
        assertEquals("500m", value("cpu: 500m", "cpu-quantity"));
        assertEquals("6Gi", value("memory: '6Gi'", "memory-quantity"));
        assertEquals("256Mi", value("memory: 256Mi", "memory-quantity"));
        assertTrue(value("memory: \"lots\"", "memory-quantity") == null, "not a quantity");
    }
}
