package dev.metakube.benchmarks.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A namespace of {@code workloads × podsEach} Pods on a fabric8 mock API server (CRUD mode, plus container logs),
 * of which {@code broken} Pods fail, each in another workload and in one of five common ways.
 */
final class BenchCluster implements AutoCloseable {
    static final String NS = "bench";
    private static final String LOG = "INFO starting\nINFO loading catalogue\nERROR giving up after 3 attempts\n";
    private final KubernetesMockServer server;
    final KubernetesClient client;
    /** The first broken Pod (OOMKilled in a crash loop). */
    final String brokenPod;

    BenchCluster(int workloads, int podsEach, int broken) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                if (path.contains("/log?") || path.endsWith("/log")) {
                    return new MockResponse().setResponseCode(200).setBody(LOG);
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
        for (int n = 1; n <= 3; n++) {
            client.resource(new NodeBuilder().withNewMetadata().withName("node-" + n).endMetadata().withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addToAllocatable("cpu", new Quantity("8")).addToAllocatable("memory", new Quantity("32Gi"))
                    .endStatus().build()).create();
        }
        String first = null;
        for (int w = 0; w < workloads; w++) {
            String app = "svc-" + w;
            boolean isBroken = w < broken;
            client.resource(new DeploymentBuilder().withNewMetadata().withName(app).withNamespace(NS)
                    .addToLabels("app", app).endMetadata().withNewSpec().withReplicas(podsEach).withNewSelector()
                    .addToMatchLabels("app", app).endSelector().withNewTemplate().withNewMetadata()
                    .addToLabels("app", app).endMetadata().withNewSpec().addNewContainer().withName("app")
                    .withImage("ghcr.io/acme/" + app + ":1").addNewPort().withContainerPort(8080).endPort()
                    .withNewResources().addToLimits("memory", new Quantity("256Mi")).endResources().endContainer()
                    .endSpec().endTemplate().endSpec().withNewStatus().withReplicas(podsEach)
                    .withReadyReplicas(isBroken ? podsEach - 1 : podsEach).endStatus().build()).create();
            String rs = app + "-5f6d7c";
            client.resource(new ReplicaSetBuilder().withNewMetadata().withName(rs).withNamespace(NS)
                    .addToLabels("app", app).addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                    .withName(app).withUid("u-" + app).withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withReplicas(podsEach).withNewSelector().addToMatchLabels("app", app).endSelector()
                    .endSpec().build()).create();
            client.resource(new ServiceBuilder().withNewMetadata().withName(app).withNamespace(NS).endMetadata()
                    .withNewSpec().addToSelector("app", app).addNewPort().withPort(80)
                    .withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();
            client.resource(new EndpointSliceBuilder().withNewMetadata().withName(app + "-x").withNamespace(NS)
                    .addToLabels("kubernetes.io/service-name", app).endMetadata().withAddressType("IPv4")
                    .addNewEndpoint().withAddresses("10.0.0." + w).withNewConditions().withReady(true).endConditions()
                    .endEndpoint().build()).create();
            for (int p = 0; p < podsEach; p++) {
                String name = rs + "-p" + p;
                boolean fails = isBroken && p == 0;
                ContainerStatusBuilder cs = new ContainerStatusBuilder().withName("app").withImage("img")
                        .withReady(!fails).withRestartCount(fails ? 5 : 0);
                String reason = fails ? new String[] {"OOMKilled", "ImagePullBackOff", "CreateContainerConfigError",
                    "Pending", "Error"}[w % 5] : "";
                cs.withState(state(fails, reason));
                if (fails && (reason.equals("OOMKilled") || reason.equals("Error"))) {
                    cs.withLastState(new ContainerStateBuilder().withNewTerminated().withReason(reason)
                            .withExitCode(reason.equals("OOMKilled") ? 137 : 1).endTerminated().build());
                }
                boolean pending = fails && reason.equals("Pending");
                client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                        .addToLabels("app", app).addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName(rs).withUid("u-" + rs).withController(true).endOwnerReference().endMetadata()
                        .withNewSpec().withNodeName(pending ? null : "node-" + (1 + p % 3)).addNewContainer()
                        .withName("app").withImage("ghcr.io/acme/" + app + ":1").addNewPort().withContainerPort(8080)
                        .endPort().withNewResources().addToLimits("memory", new Quantity("256Mi")).endResources()
                        .endContainer().endSpec().withNewStatus().withPhase(pending ? "Pending" : "Running")
                        .withContainerStatuses(pending ? java.util.List.of() : java.util.List.of(cs.build()))
                        .endStatus().build()).create();
                if (fails) {
                    first = first == null ? name : first;
                    client.resource(new EventBuilder().withNewMetadata().withName(name + ".1").withNamespace(NS)
                            .endMetadata().withNewInvolvedObject().withKind("Pod").withName(name).withNamespace(NS)
                            .endInvolvedObject().withType("Warning").withReason(event(reason))
                            .withMessage(message(reason, app)).withCount(4).build()).create();
                }
            }
        }
        brokenPod = first;
    }

    private static ContainerState state(boolean fails, String reason) {
        if (!fails) {
            return new ContainerStateBuilder().withNewRunning().endRunning().build();
        }
        String waiting = reason.equals("OOMKilled") || reason.equals("Error") ? "CrashLoopBackOff" : reason;
        return new ContainerStateBuilder().withNewWaiting().withReason(waiting).endWaiting().build();
    }

    private static String event(String reason) {
        return switch (reason) {
            case "Pending" -> "FailedScheduling";
            case "OOMKilled", "Error" -> "BackOff";
            default -> "Failed";
        };
    }

    private static String message(String reason, String app) {
        return switch (reason) {
            case "Pending" -> "0/3 nodes are available: 3 Insufficient cpu.";
            case "ImagePullBackOff" -> "Failed to pull image \"ghcr.io/acme/" + app + ":1\": manifest unknown";
            case "CreateContainerConfigError" -> "Error: secret \"" + app + "-db\" not found";
            default -> "Back-off restarting failed container app";
        };
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
