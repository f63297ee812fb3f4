package dev.metakube.kubernetes;

import static dev.metakube.kubernetes.Fixtures.crashLoop;
import static dev.metakube.kubernetes.Fixtures.deployment;
import static dev.metakube.kubernetes.Fixtures.event;
import static dev.metakube.kubernetes.Fixtures.modernEvent;
import static dev.metakube.kubernetes.Fixtures.node;
import static dev.metakube.kubernetes.Fixtures.pod;
import static dev.metakube.kubernetes.Fixtures.replicaSet;
import static dev.metakube.kubernetes.Fixtures.running;
import static dev.metakube.kubernetes.Fixtures.runningNotReady;
import static dev.metakube.kubernetes.Fixtures.slice;
import static dev.metakube.kubernetes.Fixtures.taint;
import static dev.metakube.kubernetes.Fixtures.waiting;

import dev.metakube.api.Category;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Small broken clusters, one per common fault, each as a real cluster would show it: objects, statuses, events
 * and logs. {@code target} is what a person would ask about ({@code diagnose --pod} or {@code --workload}); null
 * means the fault is found by a scan.
 */
final class BrokenClusters {
    static final String NS = "shop";
    /** A Secret value that must never leave the cluster. */
    static final String SECRET_VALUE = "pw-Zq8vN3rT5kL1";

    /**
     * One broken cluster.
     *
     * @param name     the fault
     * @param setup    populates the mock server
     * @param target   what is diagnosed; null to find it by a scan
     * @param category the category the diagnosis must have
     * @param cause    words the root cause must contain (the concrete objects), empty where the engine's cause
     *                 text is generic today
     * @param facts    what the collected evidence must contain: the decisive facts
     */
    record Scenario(String name, Consumer<MockCluster> setup, ObjectRef target, Category category, List<String> cause,
                    List<String> facts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BrokenClusters() {
    }

    private static PodSpec spec(String container, String image, ContainerBuilder c) {
        return new PodSpecBuilder().withContainers(c.withName(container).withImage(image).build()).build();
    }

    private static ContainerBuilder c() {
        return new ContainerBuilder().addNewPort().withContainerPort(8080).withName("http").endPort();
    }

    private static Map<String, String> app(String name) {
        return Map.of("app", name);
    }

    static List<Scenario> all() {
        return List.of(missingSecret(), missingSecretKey(), selectorMismatch(), taintWithoutToleration(),
                unboundClaimMissingStorageClass(), oomKilled(), imagePull(), failingProbe(), quotaExceeded(),
                rbacDenied(), networkPolicyIsolates(), nodeNotReady(), hpaWithoutRequests(), missingConfigMap(),
                insufficientCpu(), failedJob(), nodeSelectorNoMatch(), missingServiceAccount());
    }

    static Scenario missingSecret() {
        PodSpec s = spec("api", "ghcr.io/acme/orders:1.4.2", c().addNewEnv().withName("DB_PASSWORD")
                .withNewValueFrom().withNewSecretKeyRef("password", "orders-db", false).endValueFrom().endEnv());
        Deployment d = deployment(NS, "orders", app("orders"), 2, 0, s);
        ReplicaSet rs = replicaSet(d, "7d9f8c");
        Pod p = pod(rs, "x2x8q", "node-1", "Pending", List.of(Fixtures.waiting("api", "CreateContainerConfigError",
                "secret \"orders-db\" not found", 0)));
        return new Scenario("missing Secret", c -> c.with(node("node-1"), d, rs, p,
                event(p, "Warning", "Failed", "Error: secret \"orders-db\" not found")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("orders-db"),
                List.of("Secret orders-db referenced by deployment/orders does not exist",
                        "CreateContainerConfigError"));
    }

    static Scenario missingSecretKey() {
        PodSpec s = spec("api", "ghcr.io/acme/payments:2.0.1", c().addNewEnv().withName("DB_PASSWORD")
                .withNewValueFrom().withNewSecretKeyRef("password", "payments-db", false).endValueFrom().endEnv());
        Deployment d = deployment(NS, "payments", app("payments"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "5c6b7d");
        Pod p = pod(rs, "k2p9z", "node-1", "Pending", List.of(Fixtures.waiting("api", "CreateContainerConfigError",
                "couldn't find key password in Secret shop/payments-db", 0)));
        return new Scenario("missing Secret key", c -> c.with(node("node-1"), d, rs, p,
                new SecretBuilder().withNewMetadata().withName("payments-db").withNamespace(NS)
                        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
                                "{\"stringData\":{\"username\":\"" + SECRET_VALUE + "\"}}").endMetadata()
                        .addToStringData("username", SECRET_VALUE).addToData("user", java.util.Base64.getEncoder()
                                .encodeToString(SECRET_VALUE.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(),
                event(p, "Warning", "Failed", "Error: couldn't find key password in Secret shop/payments-db")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("payments-db"),
                List.of("kind: \"Secret\"", "password", Manifests.NOT_COLLECTED));
    }

    static Scenario selectorMismatch() {
        Deployment d = deployment(NS, "web", app("web"), 2, 2, spec("web", "nginx:1.27", c()));
        ReplicaSet rs = replicaSet(d, "6f5d4c");
        return new Scenario("Service selector matches no Pod", c -> c.with(node("node-1"), d, rs,
                pod(rs, "a1b2c", "node-1", "Running", List.of(running("web", 0))),
                pod(rs, "d3e4f", "node-1", "Running", List.of(running("web", 0))),
                new ServiceBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata().withNewSpec()
                        .withSelector(Map.of("app", "web-frontend")).addNewPort().withPort(80)
                        .withTargetPort(new IntOrString(8080)).endPort().endSpec().build(),
                slice(NS, "web", false)),
                null, Category.NETWORK, List.of("web"), List.of("Service web has no ready endpoints", "web-frontend"));
    }

    static Scenario taintWithoutToleration() {
        Deployment d = deployment(NS, "trainer", app("trainer"), 1, 0, spec("trainer", "ghcr.io/acme/trainer:3",
                c()));
        ReplicaSet rs = replicaSet(d, "8a7b6c");
        Pod p = pod(rs, "q7w8e", null, "Pending", List.of());
        return new Scenario("taint without toleration", c -> c.with(
                node("gpu-1", true, Map.of(), taint("dedicated", "gpu", "NoSchedule")),
                node("gpu-2", true, Map.of(), taint("dedicated", "gpu", "NoSchedule")), d, rs, p,
                event(p, "Warning", "FailedScheduling", "0/2 nodes are available: 2 node(s) had untolerated taint "
                        + "{dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for "
                        + "scheduling.")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.SCHEDULING, List.of(p.getMetadata().getName(), "dedicated=gpu:NoSchedule"),
                List.of("untolerated taint", "dedicated=gpu:NoSchedule"));
    }

    static Scenario unboundClaimMissingStorageClass() {
        PodSpec s = new PodSpecBuilder(spec("db", "postgres:16", c())).addNewVolume().withName("data")
                .withNewPersistentVolumeClaim("pgdata", false).endVolume().build();
        Deployment d = deployment(NS, "pg", app("pg"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "4d3c2b");
        Pod p = pod(rs, "z9x8c", null, "Pending", List.of());
        var pvc = new PersistentVolumeClaimBuilder().withNewMetadata().withName("pgdata").withNamespace(NS)
                .endMetadata().withNewSpec().withStorageClassName("fast-ssd").withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("20Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        return new Scenario("unbound claim, StorageClass missing", c -> c.with(node("node-1"), d, rs, p, pvc,
                new StorageClassBuilder().withNewMetadata().withName("standard").endMetadata()
                        .withProvisioner("ebs.csi.aws.com").build(),
                event(p, "Warning", "FailedScheduling", "0/1 nodes are available: pod has unbound immediate "
                        + "PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for "
                        + "scheduling."),
                event(pvc, "Warning", "ProvisioningFailed", "storageclass.storage.k8s.io \"fast-ssd\" not found")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("pgdata", "fast-ssd"),
                List.of("PersistentVolumeClaim pgdata is Pending", "storageClassName: \"fast-ssd\"",
                        "name: \"standard\""));
    }

    static Scenario oomKilled() {
        PodSpec s = spec("cart", "ghcr.io/acme/cart:5.1", c().withNewResources()
                .addToLimits("memory", new Quantity("128Mi")).addToRequests("memory", new Quantity("128Mi"))
                .endResources());
        Deployment d = deployment(NS, "cart", app("cart"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "9e8d7c");
        Pod p = pod(rs, "m4n5b", "node-1", "Running", List.of(crashLoop("cart", "OOMKilled", 137, 6)));
        return new Scenario("OOMKilled at its limit", c -> c.with(node("node-1"), d, rs, p,
                event(p, "Warning", "BackOff", "Back-off restarting failed container cart in pod "
                        + p.getMetadata().getName()))
                .log(NS, p.getMetadata().getName(), "cart", true, "INFO loading catalogue into cache\n"
                        + "INFO cache size 96MB\nINFO cache size 121MB\n"),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.RESOURCE, List.of("cart", p.getMetadata().getName()),
                List.of("OOMKilled", "Exit Code:      137", "memory:  128Mi"));
    }

    static Scenario imagePull() {
        Deployment d = deployment(NS, "search", app("search"), 1, 0, spec("search",
                "registry.acme.example/shop/search:v9.9.9", c()));
        ReplicaSet rs = replicaSet(d, "1a2b3c");
        Pod p = pod(rs, "r5t6y", "node-1", "Pending", List.of(Fixtures.waiting("search", "ImagePullBackOff",
                "Back-off pulling image \"registry.acme.example/shop/search:v9.9.9\"", 0)));
        return new Scenario("image cannot be pulled", c -> c.with(node("node-1"), d, rs, p,
                event(p, "Warning", "Failed", "Failed to pull image \"registry.acme.example/shop/search:v9.9.9\": "
                        + "rpc error: code = NotFound desc = failed to pull and unpack image: manifest unknown"),
                modernEvent(p, "Warning", "Failed", "Error: ErrImagePull")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.IMAGE, List.of("registry.acme.example/shop/search:v9.9.9"),
                List.of("ImagePullBackOff", "manifest unknown", "Error: ErrImagePull"));
    }

    static Scenario failingProbe() {
        PodSpec s = spec("inventory", "ghcr.io/acme/inventory:1.0", c().withNewLivenessProbe().withNewHttpGet()
                .withPath("/healthz").withPort(new IntOrString(8081)).endHttpGet().withPeriodSeconds(10)
                .withFailureThreshold(3).endLivenessProbe());
        Deployment d = deployment(NS, "inventory", app("inventory"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "2b3c4d");
        Pod p = pod(rs, "u7i8o", "node-1", "Running", List.of(crashLoop("inventory", "Error", 137, 5)));
        return new Scenario("liveness probe on the wrong port", c -> c.with(node("node-1"), d, rs, p,
                event(p, "Warning", "Unhealthy", "Liveness probe failed: Get \"http://10.1.0.9:8081/healthz\": dial tcp "
                        + "10.1.0.9:8081: connect: connection refused"),
                event(p, "Normal", "Killing", "Container inventory failed liveness probe, will be restarted"))
                .log(NS, p.getMetadata().getName(), "inventory", false, "INFO listening on :8080\n"),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("inventory"),
                List.of("Liveness probe failed", "http-get :8081/healthz"));
    }

    static Scenario quotaExceeded() {
        PodSpec s = spec("report", "ghcr.io/acme/report:2", c().withNewResources()
                .addToLimits("memory", new Quantity("2Gi")).addToRequests("memory", new Quantity("1Gi"))
                .endResources());
        Deployment d = deployment(NS, "report", app("report"), 3, 0, s);
        ReplicaSet rs = replicaSet(d, "3c4d5e");
        return new Scenario("quota exceeded", c -> c.with(node("node-1"), d, rs,
                new ResourceQuotaBuilder().withNewMetadata().withName("compute").withNamespace(NS).endMetadata()
                        .withNewSpec().addToHard("limits.memory", new Quantity("4Gi")).endSpec().withNewStatus()
                        .addToHard("limits.memory", new Quantity("4Gi")).addToUsed("limits.memory", new Quantity("3Gi"))
                        .endStatus().build(),
                event(rs, "Warning", "FailedCreate", "Error creating: pods \"report-3c4d5e-abcde\" is forbidden: "
                        + "exceeded quota: compute, requested: limits.memory=2Gi, used: limits.memory=3Gi, limited: "
                        + "limits.memory=4Gi")),
                new ObjectRef("Deployment", NS, "report"), Category.RESOURCE, List.of("compute", "shop"),
                List.of("exceeded quota: compute", "0/3 replicas ready", "kind: \"ResourceQuota\""));
    }

    static Scenario rbacDenied() {
        PodSpec s = new PodSpecBuilder(spec("reporter", "ghcr.io/acme/reporter:1", c()))
                .withServiceAccountName("reporter").build();
        Deployment d = deployment(NS, "reporter", app("reporter"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "4d5e6f");
        Pod p = pod(rs, "p0o9i", "node-1", "Running", List.of(crashLoop("reporter", "Error", 1, 4)));
        String denial = "Error from server (Forbidden): pods is forbidden: User "
                + "\"system:serviceaccount:shop:reporter\" cannot list resource \"pods\" in API group \"\" in the "
                + "namespace \"shop\"";
        return new Scenario("RBAC denial in the logs", c -> c.with(node("node-1"), d, rs, p,
                new ServiceAccountBuilder().withNewMetadata().withName("reporter").withNamespace(NS).endMetadata()
                        .build(),
                new RoleBuilder().withNewMetadata().withName("reporter").withNamespace(NS).endMetadata().addNewRule()
                        .withApiGroups("").withResources("configmaps").withVerbs("get").endRule().build(),
                new RoleBindingBuilder().withNewMetadata().withName("reporter").withNamespace(NS).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "reporter").addNewSubject()
                        .withKind("ServiceAccount").withName("reporter").withNamespace(NS).endSubject().build())
                .log(NS, p.getMetadata().getName(), "reporter", true, "starting report run\n" + denial + "\n"),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("reporter"),
                List.of("cannot list resource \"pods\"", "kind: \"RoleBinding\"", "resources:\n  - \"configmaps\""));
    }

    static Scenario networkPolicyIsolates() {
        Deployment d = deployment(NS, "backend", app("backend"), 1, 0, spec("backend", "ghcr.io/acme/backend:4", c()));
        ReplicaSet rs = replicaSet(d, "5e6f7a");
        Pod p = pod(rs, "l1k2j", "node-1", "Running", List.of(crashLoop("backend", "Error", 1, 5)));
        return new Scenario("NetworkPolicy isolates the backend", c -> c.with(node("node-1"), d, rs, p,
                new NetworkPolicyBuilder().withNewMetadata().withName("lockdown").withNamespace(NS).endMetadata()
                        .withNewSpec().withNewPodSelector().withMatchLabels(app("backend")).endPodSelector()
                        .withPolicyTypes("Ingress", "Egress").endSpec().build())
                .log(NS, p.getMetadata().getName(), "backend", true, "connecting to postgres.shop.svc:5432\n"
                        + "FATAL dial tcp: lookup postgres.shop.svc on 10.96.0.10:53: read udp 10.1.0.12:41234->"
                        + "10.96.0.10:53: i/o timeout\n"),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.NETWORK, List.of("shop"),
                List.of("kind: \"NetworkPolicy\"", "i/o timeout"));
    }

    static Scenario nodeNotReady() {
        Deployment d = deployment(NS, "ledger", app("ledger"), 1, 0, spec("ledger", "ghcr.io/acme/ledger:7", c()));
        ReplicaSet rs = replicaSet(d, "6f7a8b");
        Pod p = pod(rs, "h3g4f", "node-2", "Running", List.of(runningNotReady("ledger", 0)));
        return new Scenario("node NotReady", c -> c.with(node("node-1"),
                node("node-2", false, Map.of(), taint("node.kubernetes.io/unreachable", null, "NoExecute")), d, rs, p,
                event(p, "Warning", "NodeNotReady", "Node is not ready"),
                event(node("node-2"), "Normal", "NodeNotReady", "Node node-2 status is now: NodeNotReady")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.SYSTEM, List.of("node-2"),
                List.of("Kubelet stopped posting node status", "node.kubernetes.io/unreachable:NoExecute"));
    }

    static Scenario hpaWithoutRequests() {
        Deployment d = deployment(NS, "checkout", app("checkout"), 2, 2, spec("checkout", "ghcr.io/acme/checkout:3",
                c()));
        ReplicaSet rs = replicaSet(d, "7a8b9c");
        var hpa = new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("checkout").withNamespace(NS)
                .endMetadata().withNewSpec().withNewScaleTargetRef("apps/v1", "Deployment", "checkout")
                .withMinReplicas(2).withMaxReplicas(10).addNewMetric().withType("Resource").withNewResource()
                .withName("cpu").withNewTarget().withType("Utilization").withAverageUtilization(70).endTarget()
                .endResource().endMetric().endSpec().build();
        return new Scenario("HPA without requests", c -> c.with(node("node-1"), d, rs,
                pod(rs, "a9s8d", "node-1", "Running", List.of(running("checkout", 0))), hpa,
                event(hpa, "Warning", "FailedGetResourceMetric", "failed to get cpu utilization: missing request for "
                        + "cpu in container checkout of Pod checkout-7a8b9c-a9s8d")),
                new ObjectRef("Deployment", NS, "checkout"), Category.RESOURCE, List.of("deployment/checkout"),
                List.of("missing request for cpu", "kind: \"HorizontalPodAutoscaler\""));
    }

    static Scenario missingConfigMap() {
        PodSpec s = new PodSpecBuilder(spec("gateway", "ghcr.io/acme/gateway:2", c())).addNewVolume()
                .withName("config").withNewConfigMap().withName("gateway-routes").endConfigMap().endVolume().build();
        Deployment d = deployment(NS, "gateway", app("gateway"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "8b9c0d");
        Pod p = pod(rs, "f5d6s", "node-1", "Pending", List.of(Fixtures.waiting("gateway", "ContainerCreating", null,
                0)));
        return new Scenario("ConfigMap missing", c -> c.with(node("node-1"), d, rs, p,
                event(p, "Warning", "FailedMount", "MountVolume.SetUp failed for volume \"config\" : configmap "
                        + "\"gateway-routes\" not found")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.CONFIGURATION, List.of("gateway-routes"),
                List.of("ConfigMap gateway-routes referenced by deployment/gateway does not exist"));
    }

    static Scenario insufficientCpu() {
        PodSpec s = spec("solver", "ghcr.io/acme/solver:1", c().withNewResources()
                .addToRequests("cpu", new Quantity("8")).endResources());
        Deployment d = deployment(NS, "solver", app("solver"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "9c0d1e");
        Pod p = pod(rs, "w2e3r", null, "Pending", List.of());
        return new Scenario("insufficient CPU", c -> c.with(node("node-1"), node("node-2"), d, rs, p,
                event(p, "Warning", "FailedScheduling", "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 "
                        + "nodes are available: 2 No preemption victims found for incoming pod.")),
                // the manifests show the request and every node's allocatable: the cause names the container and its request
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.SCHEDULING, List.of("solver", "8 cpu", "node-1"),
                List.of("Insufficient cpu", "cpu:  8", "cpu:  4"));
    }

    static Scenario failedJob() {
        PodSpec s = new PodSpecBuilder(spec("migrate", "ghcr.io/acme/migrate:12", c())).withRestartPolicy("Never")
                .build();
        Job job = new JobBuilder().withNewMetadata().withName("migrate-12").withNamespace(NS).endMetadata()
                .withNewSpec().withBackoffLimit(2).withNewTemplate().withNewMetadata()
                .addToLabels("job-name", "migrate-12").endMetadata().withSpec(s).endTemplate().endSpec()
                .withNewStatus().withFailed(3).addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                .endCondition().endStatus().build();
        Pod p = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("migrate-12-b7n6m")
                .withNamespace(NS).addToLabels("job-name", "migrate-12").addNewOwnerReference().withApiVersion("batch/v1")
                .withKind("Job").withName("migrate-12").withUid("uid-job").withController(true).endOwnerReference()
                .endMetadata().withSpec(new PodSpecBuilder(s).withNodeName("node-1").build()).withNewStatus()
                .withPhase("Failed").addToContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                        .withName("migrate").withImage("img").withReady(false).withRestartCount(0).withNewState()
                        .withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endState().build())
                .endStatus().build();
        return new Scenario("failed Job", c -> c.with(node("node-1"), job, p,
                event(job, "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit"))
                .log(NS, "migrate-12-b7n6m", "migrate", false, "applying migration 0042_orders_index\n"
                        + "psql: error: connection to server at \"orders-db\" (10.0.3.4), port 5432 failed: FATAL:  "
                        + "password authentication failed for user \"migrator\"\n"),
                // the database refusing the application's credentials is a dependency failure: category system
                null, Category.SYSTEM, List.of("migrator"), List.of("password authentication failed", "BackoffLimitExceeded"));
    }

    static Scenario nodeSelectorNoMatch() {
        PodSpec s = new PodSpecBuilder(spec("etl", "ghcr.io/acme/etl:1", c()))
                .withNodeSelector(Map.of("disktype", "nvme")).build();
        Deployment d = deployment(NS, "etl", app("etl"), 1, 0, s);
        ReplicaSet rs = replicaSet(d, "0d1e2f");
        Pod p = pod(rs, "t4y5u", null, "Pending", List.of());
        return new Scenario("nodeSelector matches no node", c -> c.with(node("node-1", true, Map.of("disktype", "ssd")),
                node("node-2", true, Map.of("disktype", "ssd")), d, rs, p,
                event(p, "Warning", "FailedScheduling", "0/2 nodes are available: 2 node(s) didn't match Pod's node "
                        + "affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for "
                        + "scheduling.")),
                ObjectRef.pod(NS, p.getMetadata().getName()), Category.SCHEDULING, List.of(p.getMetadata().getName()),
                List.of("didn't match Pod's node affinity/selector", "disktype=nvme", "disktype=ssd"));
    }

    static Scenario missingServiceAccount() {
        PodSpec s = new PodSpecBuilder(spec("indexer", "ghcr.io/acme/indexer:2", c()))
                .withServiceAccountName("indexer-sa").build();
        Deployment d = deployment(NS, "indexer", app("indexer"), 2, 0, s);
        ReplicaSet rs = replicaSet(d, "1e2f3a");
        return new Scenario("ServiceAccount missing", c -> c.with(node("node-1"), d, rs,
                new ConfigMapBuilder().withNewMetadata().withName("unrelated").withNamespace(NS).endMetadata()
                        .addToData("k", "v").build(),
                event(rs, "Warning", "FailedCreate", "Error creating: pods \"indexer-1e2f3a-\" is forbidden: error "
                        + "looking up service account shop/indexer-sa: serviceaccount \"indexer-sa\" not found")),
                null, Category.CONFIGURATION, List.of("indexer-sa"),
                List.of("ServiceAccount indexer-sa referenced by deployment/indexer does not exist"));
    }
}
