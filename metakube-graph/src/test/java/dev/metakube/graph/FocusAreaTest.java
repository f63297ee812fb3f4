package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every focus area of the six categories has an incident whose evidence leads to the right cause, first. */
class FocusAreaTest {
    private static CausalGraph graph;

    @BeforeAll
    static void open() {
        graph = new KubeGraphProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    static List<FocusAreaScenarios.Scenario> scenarios() {
        return FocusAreaScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void evidenceLeadsToTheRightCause(FocusAreaScenarios.Scenario s) {
        Incident incident = Incident.builder().id(s.area()).symptoms(s.symptoms())
                .evidence(new Evidence(s.kind(), "", s.evidence())).build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        List<CausalChain> chains = graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
        String seen = chains.stream().map(c -> c.causeId() + "=" + String.format("%.3f", c.score()))
                .collect(Collectors.joining(", ")) + " from " + a.signals();
        assertFalse(chains.isEmpty(), seen);
        assertEquals(s.expectedCause(), chains.get(0).causeId(), seen);
        assertEquals(s.category(), chains.get(0).category());
        CausalChain top = chains.get(0);
        assertFalse(top.confirm().isEmpty());
        assertFalse(top.remediation().isEmpty());
        assertTrue(top.path().get(top.path().size() - 1).startsWith("root cause: "), top.path().toString());
        assertFalse(top.evidence().isEmpty(), "a chain found from signals names the evidence");
    }

    @Test
    void everyFocusAreaOfTable3IsCovered() {
        Set<String> areas = scenarios().stream().map(s -> s.area().replaceAll(" \\(.*\\)$", ""))
                .collect(Collectors.toSet());
        for (String area : List.of("OOMKilled", "CPU throttling", "Resource quotas", "PVC mounting failures",
                "Memory leaks", "Autoscaler misconfigurations", "Service discovery failures", "DNS resolution",
                "Network policies", "Ingress configuration", "Load balancer issues", "CNI problems",
                "Node affinity violations", "Taint/toleration mismatches", "Insufficient resources",
                "Pod priority conflicts", "DaemonSet placement", "ImagePullBackOff", "Registry authentication",
                "Rate limiting", "Private registry access", "Multi-arch compatibility", "Layer corruption",
                "ConfigMap/Secret mounting", "RBAC permissions", "Admission webhooks", "Environment variables",
                "Helm values", "Operator configs", "Container runtime failures", "Kubelet crashes", "etcd issues",
                "Certificate expiration", "Kernel panics", "Filesystem corruption")) {
            assertTrue(areas.contains(area), "no scenario for " + area);
        }
        assertEquals(EnumSet.allOf(dev.metakube.api.Category.class),
                scenarios().stream().map(FocusAreaScenarios.Scenario::category)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(dev.metakube.api.Category.class))));
    }

    @Test
    void deeperCausesAreReachedThroughIntermediateCauses() {
        List<dev.metakube.api.Signal> signals = List.of(new dev.metakube.api.Signal("ephemeral-storage-exceeded",
                dev.metakube.api.SignalKind.ERROR_PHRASE, "ephemeral local storage usage exceeds",
                "Pod ephemeral local storage usage exceeds the total limit of containers 1Gi", 0.9));
        assertTrue(graph.explore(new Exploration(signals, List.of(), 1, 20)).stream()
                .noneMatch(c -> c.causeId().equals("system-node-disk-full")));
        CausalChain deep = graph.explore(new Exploration(signals, List.of(), 2, 20)).stream()
                .filter(c -> c.causeId().equals("system-node-disk-full")).findFirst().orElseThrow();
        assertEquals(3, deep.path().size(), deep.path().toString());
        assertTrue(deep.path().get(0).startsWith("observed: "));
        assertTrue(deep.path().get(1).startsWith("because: "));
        assertTrue(deep.path().get(2).startsWith("root cause: "));
        CausalChain direct = graph.explore(new Exploration(signals, List.of(), 2, 20)).get(0);
        assertTrue(direct.score() > deep.score(), "a hop costs");
    }

    @Test
    void objectNamesAreFilledIntoTheChain() {
        Incident incident = Incident.builder().id("names").symptoms("")
                .evidence(new Evidence(dev.metakube.api.EvidenceKind.DESCRIBE, "", String.join("\n",
                        "Name:         payments-api-6f7c9d8b5-x2k9p", "Namespace:    payments",
                        "      Reason:       OOMKilled", "      Exit Code:    137",
                        "  Warning  BackOff  kubelet  Back-off restarting failed container api in pod payments-api-6f7c9d8b5-x2k9p")))
                .build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        CausalChain top = graph.explore(new Exploration(a.signals(), List.of(), 3, 3)).get(0);
        assertTrue(top.rootCause().contains("payments-api-6f7c9d8b5-x2k9p"), top.rootCause());
        assertTrue(top.rootCause().contains("api"), top.rootCause());
        assertTrue(top.confirm().get(0).contains("-n payments"), top.confirm().toString());
        assertTrue(top.remediation().get(0).command().contains("deployment/payments-api"),
                top.remediation().toString());
    }
}
