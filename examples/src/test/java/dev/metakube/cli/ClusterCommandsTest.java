package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose --pod}, {@code scan} and {@code --dump} against a mock API server in CRUD mode. */
class ClusterCommandsTest {
    @TempDir
    Path dir;
    /** One data directory for the class: the bundled experience is seeded once, not by every command. */
    @TempDir
    static Path data;
    private static final String DATA = "--data";
    private KubernetesMockServer server;
    private Path kubeconfig;

    @BeforeEach
    void start() throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        kubeconfig = kubeconfig(server.url("").replaceAll("/$", ""));
        try (KubernetesClient client = server.createClient()) {
            client.resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
            Pod oom = pod("cart-7f9c-abcde", "cart", new ContainerStatusBuilder().withName("cart").withReady(false)
                    .withRestartCount(7).withState(new ContainerStateBuilder().withNewWaiting()
                            .withReason("CrashLoopBackOff").endWaiting().build())
                    .withLastState(new ContainerStateBuilder().withNewTerminated().withReason("OOMKilled")
                            .withExitCode(137).endTerminated().build()).build(), "Running");
            Pod pull = pod("search-5d6e-fghij", "search", new ContainerStatusBuilder().withName("search")
                    .withReady(false).withRestartCount(0).withState(new ContainerStateBuilder().withNewWaiting()
                            .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().build())
                    .build(), "Pending");
            Pod fine = pod("web-1a2b-klmno", "web", new ContainerStatusBuilder().withName("web").withReady(true)
                    .withRestartCount(0).withState(new ContainerStateBuilder().withNewRunning().endRunning().build())
                    .build(), "Running");
            for (Pod p : List.of(oom, pull, fine)) {
                client.resource(p).create();
            }
            client.resource(new EventBuilder().withNewMetadata().withName("pull.1").withNamespace("shop").endMetadata()
                    .withNewInvolvedObject().withKind("Pod").withName("search-5d6e-fghij").withNamespace("shop")
                    .endInvolvedObject().withType("Warning").withReason("Failed").withMessage("Failed to pull image "
                            + "\"ghcr.io/acme/search:v404\": manifest unknown").build()).create();
        }
    }

    private static Pod pod(String name, String container, io.fabric8.kubernetes.api.model.ContainerStatus status,
                           String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").addToLabels("app", container)
                .endMetadata().withNewSpec().withNodeName("node-1").addNewContainer().withName(container)
                .withImage("ghcr.io/acme/" + container + ":v404").withNewResources()
                .addToLimits("memory", new Quantity("128Mi")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase(phase).withContainerStatuses(status).endStatus().build();
    }

    private Path kubeconfig(String url) throws IOException {
        Path f = dir.resolve("kubeconfig");
        Files.writeString(f, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "- name: mock",
                "  cluster: {server: \"" + url + "\"}", "contexts:", "- name: mock",
                "  context: {cluster: mock, user: u, namespace: shop}", "current-context: mock", "users:",
                "- name: u", "  user: {token: t}", ""));
        return f;
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void diagnosesAPodAndDumpsTheIncidentThatDiagnoseReadsBack() throws IOException {
        Path dump = dir.resolve("dump");
        Cli r = Cli.run("diagnose", "--pod", "cart-7f9c-abcde", "-n", "shop", "--kubeconfig", kubeconfig.toString(),
                DATA, data.toString(), "--dump", dump.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Root cause"), r.out);
        assertTrue(r.out.toLowerCase().contains("memory"), r.out);
        List<Path> files;
        try (Stream<Path> s = Files.list(dump)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        String dumped = Files.readString(files.get(0));
        assertTrue(dumped.contains("OOMKilled"), dumped);
        Cli again = Cli.run("diagnose", files.get(0).toString(), DATA, data.toString(), "--json");
        assertEquals(0, again.exit, again.toString());
        assertEquals("resource", new ObjectMapper().readTree(again.out).get("category").asText(), again.out);
    }

    @Test
    void scansANamespaceAndDiagnosesWhatIsUnhealthy() throws IOException {
        Cli r = Cli.run("scan", "--kubeconfig", kubeconfig.toString(), DATA, data.toString(), "--json");
        assertEquals(0, r.exit, r.toString());
        JsonNode rows = new ObjectMapper().readTree(r.out);
        assertEquals(2, rows.size(), r.out);
        Map<String, String> categories = new HashMap<>();
        rows.forEach(n -> categories.put(n.get("object").asText(), n.get("category").asText()));
        assertEquals("resource", categories.get("pod/cart-7f9c-abcde"), r.out);
        assertEquals("image", categories.get("pod/search-5d6e-fghij"), r.out);
        assertFalse(r.err.contains("Diagnosing"), "no progress bar when not on a terminal: " + r.err);

        Cli table = Cli.run("scan", "-n", "shop", "--kubeconfig", kubeconfig.toString(), DATA, data.toString());
        assertEquals(0, table.exit, table.toString());
        assertTrue(table.out.startsWith("OBJECT"), table.out);
        assertTrue(table.out.contains("pod/search-5d6e-fghij -n shop"), table.out);
        assertTrue(table.out.contains("2 unhealthy of 3 pods seen"), table.out);
    }

    @Test
    void anUnreachableClusterIsOneLineAndExitCodeOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dead = kubeconfig("http://127.0.0.1:" + port);
        long start = System.nanoTime();
        Cli r = Cli.run("diagnose", "--pod", "x", "--kubeconfig", dead.toString(), "--request-timeout", "2",
                DATA, data.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.exit, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.startsWith("metakube: ") && r.err.contains("127.0.0.1:" + port), r.err);
        assertTrue(millis < 10_000, millis + " ms");
    }

    @Test
    void diagnoseNeedsExactlyOneSource() {
        assertEquals(Main.BAD_INPUT, Cli.run("diagnose").exit);
        assertEquals(Main.BAD_INPUT, Cli.run("diagnose", "x.yaml", "--pod", "p").exit);
        Cli r = Cli.run("diagnose", "--workload", "web", "--kubeconfig", kubeconfig.toString(), DATA, data.toString());
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains("KIND/NAME"), r.err);
    }
}
