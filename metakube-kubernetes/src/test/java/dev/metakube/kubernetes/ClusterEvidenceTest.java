package dev.metakube.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Feedback;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterEvidenceTest {
    @TempDir
    Path dir;

    @Test
    void forbiddenSecretsAreNotedAndTheIncidentStillDiagnoses() {
        BrokenClusters.Scenario s = BrokenClusters.missingSecretKey();
        try (MockCluster cluster = new MockCluster(); MetaKube engine = MetaKube.builder()
                .config(MetaKubeConfig.defaults()).build()) {
            s.setup().accept(cluster);
            cluster.forbid("secrets");
            Incident incident = ClusterEvidence.collect(cluster.client(), s.target(), CollectionLimits.defaults());
            String status = incident.evidence().stream().filter(e -> e.source().equals("metakube collection"))
                    .map(Evidence::text).findFirst().orElse("");
            assertTrue(status.contains("could not read Secrets: forbidden"), status);
            assertFalse(incident.allText().contains("kind: \"Secret\""), "no Secret could be read");
            Diagnosis d = engine.diagnose(incident);
            assertEquals(Category.CONFIGURATION, d.category(), d.rootCause());
            assertTrue(d.rootCause().contains("payments-db"), d.rootCause());
        }
    }

    @Test
    void noSecretValueReachesTheIncidentTheStoreOrTheDiagnosis() throws IOException {
        BrokenClusters.Scenario s = BrokenClusters.missingSecretKey();
        String value = BrokenClusters.SECRET_VALUE;
        String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        Path data = dir.resolve("data");
        try (MockCluster cluster = new MockCluster()) {
            s.setup().accept(cluster);
            // the Secret is really there, value and all: the collector is what must drop it
            String stored = cluster.client().secrets().inNamespace(BrokenClusters.NS).withName("payments-db").get()
                    .getData().toString();
            assertTrue(stored.contains(base64), stored);
            Incident incident = ClusterEvidence.collect(cluster.client(), s.target(), CollectionLimits.defaults());
            String text = incident.allText() + incident.evidence().stream().map(Evidence::source).toList();
            assertFalse(text.contains(value), "the incident holds the Secret's value");
            assertFalse(text.contains(base64), "the incident holds the Secret's value in base64");
            assertTrue(text.contains("- \"user\"") || text.contains("user: \"" + Manifests.NOT_COLLECTED + "\""),
                    "the key names are kept:\n" + text);
            try (MetaKube engine = MetaKube.builder().config(MetaKubeConfig.builder().dataDir(data).build()).build()) {
                Diagnosis d = engine.diagnose(incident);
                String out = d.toString();
                assertFalse(out.contains(value) || out.contains(base64), out);
                engine.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT)
                        .resolution("added the key password to Secret payments-db").build());
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the engine stored something");
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(value) || content.contains(base64), "the store holds the value: " + f);
        }
    }

    @Test
    void aHundredMegabyteLogIsCut() {
        Deployment d = Fixtures.deployment("logs", "chatty", Map.of("app", "chatty"), 1, 0,
                new io.fabric8.kubernetes.api.model.PodSpecBuilder().addNewContainer().withName("app")
                        .withImage("ghcr.io/acme/chatty:1").endContainer().build());
        ReplicaSet rs = Fixtures.replicaSet(d, "abcdef");
        Pod p = Fixtures.pod(rs, "zzzzz", "node-1", "Running", List.of(Fixtures.runningNotReady("app", 0)));
        StringBuilder log = new StringBuilder(100 * 1024 * 1024 + 100);
        String line = "2026-03-02T10:15:00Z DEBUG polling upstream for changes, nothing new yet; next poll soon\n";
        while (log.length() < 100 * 1024 * 1024) {
            log.append(line);
        }
        int limit = 64 * 1024;
        try (MockCluster cluster = new MockCluster()) {
            cluster.with(Fixtures.node("node-1"), d, rs, p).log("logs", p.getMetadata().getName(), "app", false,
                    log.toString());
            log.setLength(0);
            long start = System.nanoTime();
            Incident incident = ClusterEvidence.collect(cluster.client(), ObjectRef.pod("logs", p.getMetadata()
                    .getName()), CollectionLimits.defaults().withMaxLogBytes(limit)
                    .withPerRequest(Duration.ofSeconds(30)).withTotal(Duration.ofSeconds(60)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            Evidence logs = incident.evidence().stream().filter(e -> e.kind() == EvidenceKind.LOGS).findFirst()
                    .orElseThrow(() -> new AssertionError("no log in:\n" + incident.allText()));
            assertTrue(logs.text().getBytes(StandardCharsets.UTF_8).length <= limit, "" + logs.text().length());
            assertTrue(logs.text().length() > limit / 2, "the log is cut, not dropped");
            assertTrue(logs.text().endsWith("\n"), "cut at a line end");
            assertTrue(incident.allText().contains("was cut at"), "the cut is stated");
            assertTrue(millis < 60_000, "collection took " + millis + " ms");
        }
    }

    @Test
    void anUnreachableServerFailsWithOneLineInBoundedTime() throws IOException {
        CollectionLimits limits = CollectionLimits.defaults().withPerRequest(Duration.ofSeconds(2));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // refused at once, and a server that accepts the connection but never answers
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (int port : new int[] {closedPort, silent.getLocalPort()}) {
                // the embedding team's own client, with the fabric8 default retries
                try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + port).withNamespace("default").build()).build()) {
                    long start = System.nanoTime();
                    ClusterAccessException e = assertThrows(ClusterAccessException.class,
                            () -> ClusterEvidence.collect(client, ObjectRef.pod("default", "web-1"), limits));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(millis < 3_000, "failed after " + millis + " ms");
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
                }
            }
        }
    }

    @Test
    void aMissingTargetIsBadInput() {
        try (MockCluster cluster = new MockCluster()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClusterEvidence.collect(
                    cluster.client(), ObjectRef.pod("shop", "nope"), CollectionLimits.defaults()));
            assertTrue(e.getMessage().contains("Pod nope not found in namespace shop"), e.getMessage());
        }
    }

    @Test
    void aWorkloadIsFollowedDownToItsPodsAndAPodUpToItsOwners() {
        BrokenClusters.Scenario s = BrokenClusters.oomKilled();
        try (MockCluster cluster = new MockCluster()) {
            s.setup().accept(cluster);
            Incident fromPod = ClusterEvidence.collect(cluster.client(), s.target(), CollectionLimits.defaults());
            assertTrue(fromPod.allText().contains("kind: \"Deployment\""), "owner chain up to the Deployment");
            assertTrue(fromPod.allText().contains("kind: \"ReplicaSet\""));
            assertEquals("Deployment", fromPod.context().kind());
            assertEquals("cart", fromPod.context().name());
            Incident fromWorkload = ClusterEvidence.collect(cluster.client(), ObjectRef.parse("deploy/cart",
                    BrokenClusters.NS), CollectionLimits.defaults());
            List<String> sources = fromWorkload.evidence().stream().map(Evidence::source).toList();
            assertTrue(sources.contains("kubectl describe pod " + s.target().name() + " -n shop"), "down to the Pods: "
                    + sources);
            assertTrue(sources.contains("kubectl logs " + s.target().name() + " -c cart --previous -n shop"),
                    sources.toString());
            assertTrue(fromWorkload.symptoms().contains("0/1 replicas ready"), fromWorkload.symptoms());
        }
    }

    @Test
    void objectRefsParseAsKubectlWritesThem() {
        assertEquals(new ObjectRef("StatefulSet", "db", "pg"), ObjectRef.parse("sts/pg", "db"));
        assertEquals(new ObjectRef("Deployment", "default", "web"), ObjectRef.parse("deployment/web", null));
        assertThrows(InvalidInputException.class, () -> ObjectRef.parse("web", "x"));
        assertThrows(InvalidInputException.class, () -> ObjectRef.parse("gizmo/web", "x"));
    }
}
