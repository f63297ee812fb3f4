package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the text evidence readers find leads through the graph to a cause whose first sentence names the values
 * read, and to commands that use them.
 */
class TextEvidenceCausesTest {
    private static CausalGraph graph;

    @BeforeAll
    static void open() {
        graph = new KubeGraphProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the worker crash-loops", EvidenceKind.LOGS,
                        "Error: connect ECONNREFUSED 10.20.30.40:6379\n    at TCPConnectWrap.afterConnect (net.js:1141:16)",
                        "system-dependency-connection-refused", "Redis at 10.20.30.40:6379", "10.20.30.40 6379"),
                Arguments.of("checkout fails", EvidenceKind.LOGS,
                        "Get \"http://billing-api.payments:8080/v1\": dial tcp: lookup billing-api.payments on 10.96.0.10:53: no such host",
                        "network-dns-name-wrong", "Host billing-api.payments does not resolve", "host name billing-api.payments"),
                Arguments.of("pods do not start", EvidenceKind.EVENTS,
                        "Warning  Failed  kubelet  Failed to pull image \"quay.io/acme/billing:2.4.1-rc3\": rpc error: "
                                + "code = NotFound desc = failed to resolve reference \"quay.io/acme/billing:2.4.1-rc3\": not found\n"
                                + "Warning  Failed  kubelet  Error: ErrImagePull",
                        "image-tag-not-found", "tag 2.4.1-rc3 of repository quay.io/acme/billing was never published", "quay.io/acme/billing"),
                Arguments.of("the trainer stays pending", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  default-scheduler  0/6 nodes are available: 2 node(s) had untolerated "
                                + "taint {dedicated: gpu}, 4 node(s) didn't match Pod's node affinity/selector.",
                        "scheduling-tainted-selected-nodes", "dedicated: gpu", "tolerations"),
                Arguments.of("the exporter logs errors", EvidenceKind.LOGS,
                        "E0301 reflector.go:201] Failed to list *v1.Pod: pods is forbidden: User "
                                + "\"system:serviceaccount:monitoring:default\" cannot list pods at the cluster scope",
                        "config-rbac-default-serviceaccount", "default service account of namespace monitoring",
                        "serviceAccountName"),
                Arguments.of("the node is NotReady", EvidenceKind.LOGS,
                        "E0125 bootstrap.go:265] part of the existing bootstrap client certificate in "
                                + "/etc/kubernetes/kubelet.conf is expired: 2025-11-15 15:14:17 +0000 UTC",
                        "system-kubelet-client-cert-expired", "/etc/kubernetes/kubelet.conf", "kubeadm certs renew"),
                Arguments.of("the dashboard restarts", EvidenceKind.EVENTS,
                        "Warning  Unhealthy  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404",
                        "config-probe-http-status", "liveness probe path", "livenessProbe"),
                Arguments.of("storage pods were evicted", EvidenceKind.STATUS,
                        "  message: >-\n    The node was low on resource: memory. Container indexer was using\n"
                                + "    27484Ki, which exceeds its request of 0.\n  reason: Evicted",
                        "resource-evicted-without-requests", "Containers indexer have no memory request",
                        "--requests=memory"),
                Arguments.of("the web Service has no endpoints", EvidenceKind.TEXT,
                        "Name:              web\nSelector:          app=web,tier=frontend\n\n"
                                + "NAME             READY   STATUS    RESTARTS   AGE   LABELS\n"
                                + "web-7d4b9-x1     1/1     Running   0          2m    app=web,pod-template-hash=7d4b9\n\n"
                                + "NAME   ENDPOINTS   AGE\nweb    <none>      3m",
                        "network-service-selector-mismatch", "The selector of Service web",
                        "set the Service selector to app=web"),
                Arguments.of("requests through the Service fail", EvidenceKind.TEXT,
                        "The containerPort in the backend deployment is 8080, but the service is pointing to 80.",
                        "network-service-target-port-mismatch", "targetPort", "Set targetPort"),
                Arguments.of("the worker restarts again and again", EvidenceKind.MANIFEST,
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\nspec:\n  template:\n"
                                + "    spec:\n      containers:\n      - name: worker\n"
                                + "        image: registry.example.com/load:1.0\n"
                                + "        args: [--vm, '1', --vm-bytes, 900M]\n"
                                + "        resources: {limits: {memory: 256Mi}}\n",
                        "resource-memory-limit-too-low", "--vm-bytes 900M", "--vm-bytes 900M"),
                Arguments.of("the pod never becomes ready", EvidenceKind.MANIFEST,
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: idle}\nspec:\n  containers:\n  - name: idle\n"
                                + "    image: registry.example.com/base:1.0\n"
                                + "    command: [sh, -c, 'while true; do echo ok; sleep 10; done']\n"
                                + "    readinessProbe: {httpGet: {path: /healthz, port: 7070}}\n",
                        "config-probe-misconfigured", "nothing listens on port 7070", "use an exec probe"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void findingLeadsToACauseThatNamesItsValues(String symptoms, EvidenceKind kind, String text, String cause,
                                                 String inFirstSentence, String inCommands) {
        Incident incident = Incident.builder().symptoms(symptoms).evidence(new Evidence(kind, "", text)).build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        List<CausalChain> chains = graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
        String seen = chains.stream().map(c -> c.causeId() + "=" + String.format("%.3f", c.score()))
                .collect(Collectors.joining(", ")) + " from " + a.signals();
        assertFalse(chains.isEmpty(), seen);
        CausalChain top = chains.get(0);
        assertEquals(cause, top.causeId(), seen);
        String first = top.rootCause().split("(?<=[a-z0-9)])\\. ")[0];
        assertTrue(first.contains(inFirstSentence), top.rootCause());
        String commands = top.remediation().stream().map(s -> s.action() + " " + s.command())
                .collect(Collectors.joining("\n"));
        assertTrue(commands.contains(inCommands), commands);
    }

    @Test
    void aServiceSaidToGetNoEndpointShowsNoEndpoints() {
        for (String said : List.of("our web Service doesn't get any endpoint after the upgrade",
                "the api service gets no endpoints", "no endpoints were created for the service")) {
            EvidenceAnalysis a = ((KubeGraph) graph).analyze(Incident.builder().symptoms("clients time out")
                    .evidence(new Evidence(EvidenceKind.TEXT, "", said)).build());
            assertTrue(a.signals().stream().anyMatch(s -> s.key().equals("no-endpoints")), said + ": " + a.signals());
        }
        EvidenceAnalysis healthy = ((KubeGraph) graph).analyze(Incident.builder().symptoms("clients time out")
                .evidence(new Evidence(EvidenceKind.TEXT, "", "the endpoint /v1/orders returns 500")).build());
        assertTrue(healthy.signals().stream().noneMatch(s -> s.key().equals("no-endpoints")), healthy.signals().toString());
    }

    @Test
    void aMissingPullSecretIsARegistryCredentialNotAMissingApplicationSecret() {
        String text = "imagePullSecrets:\n  - name: registry-login\n"
                + "Warning FailedMount MountVolume.SetUp failed for volume \"creds\" : secrets \"registry-login\" not found";
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(Incident.builder().symptoms("the pod never starts")
                .evidence(new Evidence(EvidenceKind.TEXT, "", text)).build());
        assertTrue(a.signals().stream().anyMatch(s -> s.key().equals("image-pull-secret-missing")), a.signals().toString());
        assertTrue(a.signals().stream().noneMatch(s -> s.key().equals("secret-not-found")), a.signals().toString());
        List<CausalChain> chains = graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
        assertEquals("image-pull-secret-absent", chains.get(0).causeId(), chains.toString());
        assertTrue(chains.get(0).rootCause().contains("registry-login"), chains.get(0).rootCause());
    }

    @Test
    void aShortPhraseIsAWordNotAPieceOfOne() {
        EvidenceAnalysis inWords = ((KubeGraph) graph).analyze(Incident.builder().symptoms("the agent stays pending")
                .evidence(new Evidence(EvidenceKind.MANIFEST, "", "volumeMounts:\n- name: host\n  mountPath: /host\n"
                        + "the load overwhelmed the node")).build());
        assertTrue(inWords.signals().stream().noneMatch(s -> s.key().equals("certificate-not-yet-valid")
                || s.key().equals("helm-release-failed")), inWords.signals().toString());
        EvidenceAnalysis asWords = ((KubeGraph) graph).analyze(Incident.builder().symptoms("tokens are rejected")
                .evidence(new Evidence(EvidenceKind.LOGS, "", "x509: certificate has expired or is not yet valid; "
                        + "NTP is not synchronised on the node")).build());
        assertTrue(asWords.signals().stream().anyMatch(s -> s.key().equals("certificate-not-yet-valid")),
                asWords.signals().toString());
    }

    @Test
    void healthyTextShowsNoneOfTheseCauses() {
        Incident incident = Incident.builder().symptoms("routine check").evidence(new Evidence(EvidenceKind.LOGS, "",
                "INFO started on port 8080\nINFO connected to redis at 10.20.30.40:6379\nINFO GET /health 200")).build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        assertTrue(a.signals().stream().noneMatch(s -> s.key().startsWith("log-")), a.signals().toString());
    }

    @Test
    void theDecisiveLineOfAHugeLogIsReadEvenWhereTheTextIsCut() {
        StringBuilder log = new StringBuilder();
        int i = 0;
        while (log.length() < 5_500_000) {
            log.append("2026-03-01T10:00:00Z INFO request ").append(i++).append(" GET /api/orders 200\n");
            if (i == 40_000) {
                log.append("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
            }
        }
        Incident incident = Incident.builder().symptoms("the api restarts")
                .evidence(new Evidence(EvidenceKind.LOGS, "kubectl logs api --previous", log.toString())).build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("truncated")), a.notes().toString());
        assertFalse(a.incident().evidence().get(0).text().contains("OutOfMemoryError"),
                "the line lies in the part of the text that is not kept");
        assertTrue(a.signals().stream().anyMatch(s -> s.key().equals("runtime-out-of-memory")
                && s.excerpt().contains("OutOfMemoryError")), a.signals().toString());
    }
}
