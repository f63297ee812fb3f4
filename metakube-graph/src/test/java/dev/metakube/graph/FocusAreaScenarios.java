package dev.metakube.graph;

import dev.metakube.api.Category;
import dev.metakube.api.EvidenceKind;
import java.util.List;

/**
 * One incident per focus area of the paper's Table 3 (and a few more causes), written the way kubelet,
 * scheduler, controllers, runtimes and applications phrase them.
 */
final class FocusAreaScenarios {
    private FocusAreaScenarios() {
    }

    record Scenario(String area, Category category, String expectedCause, String symptoms, EvidenceKind kind,
                    String evidence) {
        @Override
        public String toString() {
            return area + " -> " + expectedCause;
        }
    }

    static List<Scenario> all() {
        return List.of(
                // ---------------- resource ----------------
                new Scenario("OOMKilled", Category.RESOURCE, "resource-memory-limit-too-low",
                        "worker pods restart every few minutes", EvidenceKind.DESCRIBE, String.join("\n",
                        "Name:         worker-5f9c7b8d4-x2k9p", "Namespace:    batch",
                        "    Last State:     Terminated", "      Reason:       OOMKilled",
                        "      Exit Code:    137", "    Limits:", "      memory:  128Mi")),
                new Scenario("Memory leaks", Category.RESOURCE, "resource-memory-leak",
                        "memory usage keeps growing for hours until the pod is OOMKilled, then it starts again",
                        EvidenceKind.METRICS, "container_memory_working_set_bytes{pod=\"api-0\"} rises steadily: "
                        + "200Mi after 1h, 350Mi after 3h, 480Mi after 5h; Last State: Terminated Reason: OOMKilled"),
                new Scenario("CPU throttling", Category.RESOURCE, "resource-cpu-limit-throttling",
                        "checkout latency went up after the release", EvidenceKind.ALERT,
                        "[FIRING] CPUThrottlingHigh: 78% throttling of CPU in namespace shop for container api in pod api-6d4b9-abcde."),
                new Scenario("Resource quotas", Category.RESOURCE, "resource-quota-exhausted",
                        "deployment does not scale", EvidenceKind.EVENTS,
                        "Warning  FailedCreate  replicaset/api-6d4b9  Error creating: pods \"api-6d4b9-zz8x1\" is forbidden: "
                        + "exceeded quota: team-quota, requested: requests.cpu=500m, used: requests.cpu=3800m, limited: requests.cpu=4"),
                new Scenario("Resource quotas (limits required)", Category.RESOURCE, "resource-quota-requires-limits",
                        "", EvidenceKind.EVENTS,
                        "Warning  FailedCreate  replicaset/web-7c9  Error creating: pods \"web-7c9-k2\" is forbidden: "
                        + "failed quota: compute-quota: must specify limits.cpu for: web; limits.memory for: web"),
                new Scenario("PVC mounting failures", Category.CONFIGURATION, "resource-pvc-storageclass-missing",
                        "postgres pod stuck pending", EvidenceKind.DESCRIBE, String.join("\n",
                        "Name:          data-postgres-0", "Namespace:     db", "StorageClass:  fast-ssd",
                        "Status:        Pending", "Events:",
                        "  Warning  ProvisioningFailed  persistentvolume-controller  storageclass.storage.k8s.io \"fast-ssd\" not found")),
                new Scenario("PVC mounting failures (multi-attach)", Category.SYSTEM, "resource-pvc-multi-attach",
                        "new pod stuck in ContainerCreating after rollout", EvidenceKind.EVENTS,
                        "Warning  FailedAttachVolume  pod/report-7f8-abc12  Multi-Attach error for volume \"pvc-3f2a\" "
                        + "Volume is already exclusively attached to one node and can't be attached to another"),
                new Scenario("Autoscaler misconfigurations", Category.RESOURCE, "resource-hpa-missing-requests",
                        "HPA shows <unknown> targets and never scales", EvidenceKind.DESCRIBE, String.join("\n",
                        "Name:  api-hpa", "Metrics:  ( current / target )",
                        "  resource cpu on pods  (as a percentage of request):  <unknown> / 70%",
                        "  Warning  FailedGetResourceMetric  horizontal-pod-autoscaler  failed to get cpu utilization: "
                        + "missing request for cpu in container api of Pod api-6d4b9-x1")),
                new Scenario("Autoscaler misconfigurations (metrics API)", Category.RESOURCE,
                        "resource-hpa-metrics-server-missing", "", EvidenceKind.EVENTS,
                        "Warning  FailedGetResourceMetric  horizontalpodautoscaler/web  failed to get cpu utilization: "
                        + "unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: "
                        + "the server could not find the requested resource (get pods.metrics.k8s.io)"),
                // ---------------- network ----------------
                new Scenario("Service discovery failures", Category.NETWORK, "network-service-selector-mismatch",
                        "frontend gets 503 from the orders service", EvidenceKind.MANIFEST, String.join("\n",
                        "apiVersion: v1", "kind: Service", "metadata:", "  name: orders", "  namespace: shop", "spec:",
                        "  selector:", "    app: order", "  ports:", "  - port: 80", "    targetPort: 8080", "---",
                        "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: orders", "  namespace: shop",
                        "spec:", "  replicas: 2", "  selector:", "    matchLabels:", "      app: orders", "  template:",
                        "    metadata:", "      labels:", "        app: orders", "    spec:", "      containers:",
                        "      - name: orders", "        image: registry.example.com/shop/orders:1.4.0", "        ports:",
                        "        - containerPort: 8080")),
                new Scenario("DNS resolution", Category.NETWORK, "network-coredns-down",
                        "all services fail to resolve names intermittently", EvidenceKind.LOGS,
                        "dial tcp: lookup payments.prod.svc.cluster.local on 10.96.0.10:53: read udp 10.244.1.7:44112->10.96.0.10:53: i/o timeout"),
                new Scenario("DNS resolution (wrong name)", Category.NETWORK, "network-dns-name-wrong",
                        "api cannot reach redis", EvidenceKind.LOGS,
                        "Error: getaddrinfo ENOTFOUND redis-master.cache.svc.cluster.local"),
                new Scenario("Network policies", Category.NETWORK, "network-policy-blocks-ingress",
                        "requests from the frontend to the api time out since the security change", EvidenceKind.MANIFEST,
                        String.join("\n", "apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy", "metadata:",
                        "  name: default-deny", "  namespace: shop", "spec:", "  podSelector: {}", "  policyTypes:",
                        "  - Ingress", "---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api",
                        "  namespace: shop", "spec:", "  template:", "    metadata:", "      labels:", "        app: api",
                        "    spec:", "      containers:", "      - name: api", "        image: shop/api:2.0")),
                new Scenario("Ingress configuration", Category.NETWORK, "network-ingress-class-missing",
                        "ingress has no address and the site is unreachable", EvidenceKind.EVENTS,
                        "Warning  Sync  ingress/shop  ingressclass.networking.k8s.io \"nginx-internal\" not found"),
                new Scenario("Load balancer issues", Category.NETWORK, "network-lb-provisioning-failed",
                        "service external ip stuck", EvidenceKind.STATUS, String.join("\n",
                        "NAME      TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE",
                        "gateway   LoadBalancer   10.96.44.12    <pending>     443:31443/TCP   40m",
                        "Warning  SyncLoadBalancerFailed  service/gateway  Error syncing load balancer: failed to ensure load balancer: "
                        + "could not find any suitable subnets for creating the ELB")),
                new Scenario("CNI problems", Category.SYSTEM, "network-cni-not-ready",
                        "new pods stay in ContainerCreating on one node", EvidenceKind.EVENTS,
                        "Warning  FailedCreatePodSandBox  pod/web-5d8-q2  Failed to create pod sandbox: rpc error: code = Unknown "
                        + "desc = failed to setup network for sandbox \"4f2a\": plugin type=\"calico\" failed (add): "
                        + "error getting ClusterInformation: connection is unauthorized"),
                new Scenario("CNI problems (IP exhaustion)", Category.NETWORK, "network-cni-ip-exhaustion",
                        "", EvidenceKind.EVENTS,
                        "Warning  FailedCreatePodSandBox  pod/job-x1  Failed to create pod sandbox: failed to set up sandbox container "
                        + "network: failed to allocate for range 0: no IP addresses available in range set: 10.244.3.1-10.244.3.254"),
                // ---------------- scheduling ----------------
                new Scenario("Insufficient resources", Category.SCHEDULING, "scheduling-insufficient-cpu",
                        "new replicas stay pending", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  pod/api-6d4b9-x7  0/5 nodes are available: 5 Insufficient cpu. "
                        + "preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod."),
                new Scenario("Insufficient resources (memory)", Category.SCHEDULING, "scheduling-insufficient-memory",
                        "", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  pod/spark-exec-1  0/3 nodes are available: 3 Insufficient memory."),
                new Scenario("Node affinity violations", Category.SCHEDULING, "scheduling-node-selector-mismatch",
                        "gpu job never starts", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  pod/train-0  0/6 nodes are available: 6 node(s) didn't match Pod's node affinity/selector."),
                new Scenario("Taint/toleration mismatches", Category.SCHEDULING, "scheduling-taint-not-tolerated",
                        "pods pending after the node pool migration", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  pod/etl-1  0/4 nodes are available: 4 node(s) had untolerated taint "
                        + "{dedicated: batch}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."),
                new Scenario("Pod priority conflicts", Category.SCHEDULING, "scheduling-preempted-by-priority",
                        "batch pods disappear when the api scales up", EvidenceKind.EVENTS,
                        "Normal  Preempted  pod/report-7c-1  Preempted by pod 5e3c1a2b on node worker-2"),
                new Scenario("Pod priority conflicts (class missing)", Category.SCHEDULING,
                        "scheduling-priorityclass-missing", "", EvidenceKind.EVENTS,
                        "Warning  FailedCreate  replicaset/api-6d  Error creating: pods \"api-6d-1\" is forbidden: "
                        + "no PriorityClass with name critical-apps was found"),
                new Scenario("DaemonSet placement", Category.SCHEDULING, "scheduling-daemonset-untolerated-taints",
                        "log agent missing on the gpu nodes", EvidenceKind.STATUS, String.join("\n",
                        "NAME        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE",
                        "fluent-bit  6         6         6       6            6",
                        "daemonset fluent-bit is not running on all nodes: the 3 gpu nodes have taint nvidia.com/gpu:NoSchedule")),
                new Scenario("Node affinity violations (anti-affinity)", Category.SCHEDULING,
                        "scheduling-anti-affinity-too-strict", "", EvidenceKind.EVENTS,
                        "Warning  FailedScheduling  pod/kafka-3  0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."),
                // ---------------- image ----------------
                new Scenario("ImagePullBackOff", Category.IMAGE, "image-tag-not-found",
                        "deploy stuck", EvidenceKind.EVENTS,
                        "Warning  Failed  pod/web-1  Failed to pull image \"nginx:1.25.99\": rpc error: code = NotFound desc = "
                        + "failed to pull and unpack image \"docker.io/library/nginx:1.25.99\": failed to resolve reference "
                        + "\"docker.io/library/nginx:1.25.99\": docker.io/library/nginx:1.25.99: not found"),
                new Scenario("Registry authentication", Category.IMAGE, "image-pull-secret-not-configured",
                        "pods of the new service cannot start", EvidenceKind.EVENTS,
                        "Warning  Failed  pod/billing-1  Failed to pull image \"ghcr.io/acme/billing:1.0\": rpc error: code = Unknown "
                        + "desc = failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized"),
                new Scenario("Rate limiting", Category.IMAGE, "image-registry-rate-limited",
                        "", EvidenceKind.EVENTS,
                        "Warning  Failed  pod/redis-0  Failed to pull image \"redis:7\": toomanyrequests: You have reached your pull rate "
                        + "limit. You may increase the limit by authenticating and upgrading"),
                new Scenario("Private registry access", Category.IMAGE, "image-pull-secret-absent",
                        "", EvidenceKind.EVENTS,
                        "Warning  FailedToRetrieveImagePullSecret  pod/app-1  Unable to retrieve some image pull secrets (regcred); "
                        + "attempting to pull the image may not succeed."),
                new Scenario("Private registry access (unreachable)", Category.IMAGE,
                        "image-private-registry-unreachable", "", EvidenceKind.EVENTS,
                        "Warning  Failed  pod/app-1  Failed to pull image \"harbor.corp.local/team/app:3\": rpc error: code = Unknown "
                        + "desc = failed to do request: Head \"https://harbor.corp.local/v2/team/app/manifests/3\": dial tcp 10.20.0.5:443: i/o timeout"),
                new Scenario("Multi-arch compatibility", Category.IMAGE, "image-wrong-architecture",
                        "pods on the new graviton nodes crash immediately", EvidenceKind.LOGS,
                        "exec /usr/local/bin/server: exec format error"),
                new Scenario("Layer corruption", Category.IMAGE, "image-layer-corrupted",
                        "", EvidenceKind.EVENTS,
                        "Warning  Failed  pod/ml-0  Failed to pull image \"registry.example.com/ml/model:5\": failed to extract layer "
                        + "sha256:9f2c: failed to register layer: unexpected EOF"),
                // ---------------- configuration ----------------
                new Scenario("ConfigMap/Secret mounting", Category.CONFIGURATION, "config-configmap-missing",
                        "", EvidenceKind.DESCRIBE, String.join("\n", "Name:  api-7d9-abcde", "Namespace:  prod",
                        "    State:          Waiting", "      Reason:       CreateContainerConfigError",
                        "  Warning  Failed  kubelet  Error: configmap \"api-config\" not found")),
                new Scenario("ConfigMap/Secret mounting (secret)", Category.CONFIGURATION, "config-secret-missing",
                        "", EvidenceKind.EVENTS,
                        "Warning  FailedMount  pod/db-0  MountVolume.SetUp failed for volume \"creds\" : secret \"db-credentials\" not found"),
                new Scenario("RBAC permissions", Category.CONFIGURATION, "config-rbac-missing-permission",
                        "controller logs errors", EvidenceKind.LOGS,
                        "E0601 10:00:00 reflector.go:138 Failed to watch *v1.Pod: failed to list *v1.Pod: pods is forbidden: "
                        + "User \"system:serviceaccount:ops:watcher\" cannot list resource \"pods\" in API group \"\" in the namespace \"ops\""),
                new Scenario("Admission webhooks", Category.CONFIGURATION, "config-admission-webhook-unavailable",
                        "no deployment can be updated", EvidenceKind.TEXT,
                        "Error from server (InternalError): Internal error occurred: failed calling webhook \"validate.kyverno.svc\": "
                        + "failed to call webhook: Post \"https://kyverno-svc.kyverno.svc:443/validate\": no endpoints available for service \"kyverno-svc\""),
                new Scenario("Admission webhooks (denied)", Category.CONFIGURATION, "config-admission-webhook-denied",
                        "", EvidenceKind.TEXT,
                        "Error from server: admission webhook \"validation.gatekeeper.sh\" denied the request: "
                        + "[require-team-label] you must provide labels: {\"team\"}"),
                new Scenario("Environment variables", Category.CONFIGURATION, "config-env-var-missing",
                        "service crashloops after config refactoring", EvidenceKind.LOGS, String.join("\n",
                        "Traceback (most recent call last):", "  File \"/app/main.py\", line 8, in <module>",
                        "    DB_URL = os.environ[\"DATABASE_URL\"]", "KeyError: 'DATABASE_URL'")),
                new Scenario("Helm values", Category.CONFIGURATION, "config-helm-values-wrong",
                        "helm upgrade failed", EvidenceKind.TEXT,
                        "Error: UPGRADE FAILED: template: api/templates/deployment.yaml:42:28: executing "
                        + "\"api/templates/deployment.yaml\" at <.Values.resources.limits.memory>: nil pointer evaluating interface {}.memory"),
                new Scenario("Operator configs", Category.CONFIGURATION, "config-operator-crd-missing",
                        "", EvidenceKind.TEXT,
                        "error: resource mapping not found for name: \"main\" namespace: \"db\" from \"cluster.yaml\": "
                        + "no matches for kind \"PostgresCluster\" in version \"postgres-operator.crunchydata.com/v1beta1\"\n"
                        + "ensure CRDs are installed first"),
                new Scenario("Operator configs (reconcile)", Category.CONFIGURATION, "config-operator-misconfigured",
                        "", EvidenceKind.LOGS,
                        "2026-06-01T10:00:00Z ERROR Reconciler error {\"controller\": \"kafka\", \"error\": \"spec.replicas: invalid value -1\"}"),
                // ---------------- system ----------------
                new Scenario("Container runtime failures", Category.SYSTEM, "system-container-runtime-down",
                        "node went NotReady", EvidenceKind.DESCRIBE, String.join("\n", "Name:  worker-3",
                        "Conditions:", "  Ready  False  KubeletNotReady  container runtime is down, PLEG is not healthy: "
                        + "pleg was last seen active 3m0s ago",
                        "  Warning  ContainerRuntimeUnhealthy  kubelet  failed to connect to containerd: dial unix /run/containerd/containerd.sock: connect: connection refused")),
                new Scenario("Kubelet crashes", Category.SYSTEM, "system-kubelet-crash",
                        "node NotReady", EvidenceKind.LOGS, String.join("\n",
                        "kubelet.service: Main process exited, code=exited, status=1/FAILURE",
                        "kubelet.service: Failed with result 'exit-code'.",
                        "Node worker-2 status is now: NodeNotReady")),
                new Scenario("etcd issues", Category.SYSTEM, "system-etcd-db-space-exceeded",
                        "cluster refuses all writes", EvidenceKind.LOGS,
                        "Error from server: etcdserver: mvcc: database space exceeded"),
                new Scenario("etcd issues (slow disk)", Category.SYSTEM, "system-etcd-disk-slow",
                        "", EvidenceKind.LOGS, String.join("\n",
                        "{\"level\":\"warn\",\"msg\":\"apply request took too long\",\"took\":\"1.2s\",\"expected-duration\":\"100ms\"}",
                        "{\"level\":\"warn\",\"msg\":\"slow fdatasync\",\"took\":\"1.5s\"}")),
                new Scenario("Certificate expiration", Category.SYSTEM, "system-control-plane-cert-expired",
                        "kubectl stopped working this morning", EvidenceKind.TEXT,
                        "Unable to connect to the server: x509: certificate has expired or is not yet valid: current time "
                        + "2026-06-01T08:00:00Z is after 2026-05-30T12:00:00Z"),
                new Scenario("Kernel panics", Category.SYSTEM, "system-kernel-panic",
                        "node rebooted twice today", EvidenceKind.LOGS, String.join("\n",
                        "[12345.678] BUG: soft lockup - CPU#3 stuck for 22s! [kworker/3:1:1234]",
                        "[12350.001] Kernel panic - not syncing: softlockup: hung tasks")),
                new Scenario("Filesystem corruption", Category.SYSTEM, "system-filesystem-corruption",
                        "pods on one node fail to write", EvidenceKind.LOGS, String.join("\n",
                        "EXT4-fs error (device nvme0n1p1): ext4_lookup:1700: inode #131075: comm kubelet: deleted inode referenced: 131090",
                        "EXT4-fs (nvme0n1p1): Remounting filesystem read-only")));
    }
}
