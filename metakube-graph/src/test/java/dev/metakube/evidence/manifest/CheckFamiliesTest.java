package dev.metakube.evidence.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check family over a passing manifest set (no finding of the family) and a failing one (the expected key,
 * with the objects and values named in the sentence). The families the old map-walking checker had are also
 * covered, through {@code ManifestCheckerTest}, by one consistent bundle and one edit per fault.
 */
class CheckFamiliesTest {
    private static final ManifestParser PARSER = new ManifestParser();
    /** Families whose findings are always weak: what they flag may be used or bound by objects not shown. */
    private static final Set<String> WEAK = Set.of("configmap-unreferenced", "preemption-by-priority");

    record Case(ManifestCheck check, String key, String passing, String failing, List<String> named) {
        @Override
        public String toString() {
            return check.getClass().getSimpleName() + " " + key;
        }
    }

    static String deployment(String name, int replicas, String podSpec) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: shop
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                %s
                ---
                """.formatted(name, replicas, name, name, podSpec.indent(6).stripTrailing());
    }

    static final String CONTAINER = """
            containers:
            - name: app
              image: registry.example.com/shop/app:1.0.0
              ports: [{containerPort: 8080, name: http}]
            """;

    static String node(String name, String labels, String allocatable, String taints) {
        return """
                apiVersion: v1
                kind: Node
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  taints: [%s]
                status:
                  allocatable: {%s}
                ---
                """.formatted(name, labels, taints, allocatable);
    }

    static final String NODES = node("node-a", "kubernetes.io/hostname: node-a, topology.kubernetes.io/zone: zone-a",
            "cpu: '4', memory: 16Gi", "") + node("node-b", "kubernetes.io/hostname: node-b, "
            + "topology.kubernetes.io/zone: zone-a", "cpu: 3900m, memory: 15Gi", "");

    static Stream<Case> cases() {
        String memoryLimit = CONTAINER + "  resources: {limits: {memory: 512Mi}, requests: {memory: 256Mi}}\n";
        String emptyDir = "volumes:\n- name: cache\n  emptyDir: {medium: Memory, sizeLimit: %s}\n";
        String antiAffinity = """
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      labelSelector: {matchLabels: {app: web}}
                """;
        String hpa = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics:
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
                ---
                """;
        String pv = """
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: data-pv}
                spec:
                  capacity: {storage: 10Gi}
                  accessModes: [ReadWriteOnce]
                  local: {path: /mnt/disks/ssd1}
                  nodeAffinity:
                    required:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - {key: kubernetes.io/hostname, operator: In, values: [%s]}
                ---
                """;
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-ingress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - podSelector: {matchLabels: {app: %s}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: api, namespace: shop}
                spec:
                  selector: {app: api}
                  ports: [{port: 80, targetPort: http}]
                ---
                """;
        String client = CONTAINER + "  env: [{name: API_URL, value: 'http://api:80/v1'}]\n";
        return Stream.of(
                new Case(new ReferenceCheck(), "volume-mount-missing",
                        deployment("web", 1, CONTAINER + "  volumeMounts: [{name: cache, mountPath: /cache}]\n"
                                + "volumes: [{name: cache, emptyDir: {}}]"),
                        deployment("web", 1, CONTAINER + "  volumeMounts: [{name: cache, mountPath: /cache}]\n"
                                + "volumes: [{name: tmp, emptyDir: {}}]"), List.of("cache", "app")),
                new Case(new ReferenceCheck(), "namespace-missing",
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n" + deployment("web", 1, CONTAINER),
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: store}\n---\n" + deployment("web", 1, CONTAINER),
                        List.of("shop", "store")),
                new Case(new StorageCheck(), "pv-node-affinity-mismatch", NODES + pv.formatted("node-a"),
                        NODES + pv.formatted("node-gone"), List.of("data-pv", "node-gone")),
                new Case(new PlacementCheck(), "anti-affinity-exceeds-nodes",
                        NODES + deployment("web", 2, CONTAINER + antiAffinity),
                        NODES + deployment("web", 3, CONTAINER + antiAffinity), List.of("3 replicas", "only 2 nodes")),
                new Case(new PlacementCheck(), "host-port-exceeds-nodes",
                        NODES + deployment("web", 2, CONTAINER.replace("name: http}", "name: http, hostPort: 9100}")),
                        NODES + deployment("web", 4, CONTAINER.replace("name: http}", "name: http, hostPort: 9100}")),
                        List.of("hostPort 9100", "4 replicas")),
                new Case(new ResourceCheck(), "request-exceeds-node",
                        NODES + deployment("web", 1, CONTAINER + "  resources: {requests: {memory: 12Gi}}\n"),
                        NODES + deployment("web", 1, CONTAINER + "  resources: {requests: {memory: 24Gi}}\n"),
                        List.of("24Gi", "node-a", "16384Mi")),
                new Case(new ResourceCheck(), "limitrange-violation",
                        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: caps, namespace: shop}\nspec:\n  limits:\n"
                                + "  - type: Container\n    max: {memory: 1Gi}\n---\n" + deployment("web", 1, memoryLimit),
                        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: caps, namespace: shop}\nspec:\n  limits:\n"
                                + "  - type: Container\n    max: {memory: 256Mi}\n---\n" + deployment("web", 1, memoryLimit),
                        List.of("512Mi", "256Mi", "caps")),
                new Case(new ResourceCheck(), "emptydir-memory-exceeds-limit",
                        deployment("web", 1, memoryLimit + emptyDir.formatted("64Mi")),
                        deployment("web", 1, memoryLimit + emptyDir.formatted("1Gi")), List.of("cache", "1Gi", "512Mi")),
                new Case(new AutoscalerCheck(), "hpa-target-missing",
                        hpa.formatted("web") + deployment("web", 1, CONTAINER + "  resources: {requests: {cpu: 100m}}\n"),
                        hpa.formatted("web-app") + deployment("web", 1, CONTAINER), List.of("web-app")),
                new Case(new AutoscalerCheck(), "hpa-missing-requests",
                        hpa.formatted("web") + deployment("web", 1, CONTAINER + "  resources: {requests: {cpu: 100m}}\n"),
                        hpa.formatted("web") + deployment("web", 1, CONTAINER), List.of("cpu", "app")),
                new Case(new SecurityContextCheck(), "run-as-root-conflict",
                        deployment("web", 1, "securityContext: {runAsNonRoot: true, runAsUser: 1000}\n" + CONTAINER),
                        deployment("web", 1, "securityContext: {runAsNonRoot: true, runAsUser: 0}\n" + CONTAINER),
                        List.of("runAsUser: 0", "app")),
                new Case(new ApiVersionCheck(), "api-version-removed", deployment("web", 1, CONTAINER),
                        deployment("web", 1, CONTAINER).replace("apps/v1", "extensions/v1beta1"),
                        List.of("extensions/v1beta1", "apps/v1", "1.16")),
                new Case(new NetworkPolicyCheck(), "network-policy-blocks-client",
                        policy.formatted("web") + deployment("api", 1, CONTAINER) + deployment("web", 1, client),
                        policy.formatted("frontend") + deployment("api", 1, CONTAINER) + deployment("web", 1, client),
                        List.of("api-ingress", "app=web", "Service api")),
                new Case(new ServiceCheck(), "service-target-port-mismatch",
                        policy.formatted("web") + deployment("api", 1, CONTAINER),
                        policy.formatted("web") + deployment("api", 1, CONTAINER.replace("name: http}", "name: web}")),
                        List.of("targetPort http", "8080/web")),
                new Case(new ImageCheck(), "image-reference-invalid", deployment("web", 1, CONTAINER),
                        deployment("web", 1, CONTAINER.replace("app:1.0.0", "App:1.0.0")),
                        List.of("registry.example.com/shop/App:1.0.0")),
                new Case(new IngressCheck(), "ingress-backend-missing",
                        policy.formatted("web") + ingress("api", 80), policy.formatted("web") + ingress("api", 8080),
                        List.of("port 8080", "Service api")),
                new Case(new RbacCheck(), "rbac-role-missing",
                        rbac("pod-reader", "pod-reader"), rbac("pod-reader", "pods-reader"), List.of("pods-reader")),
                new Case(new RbacCheck(), "rbac-wrong-api-group", rbac("pod-reader", "pod-reader"),
                        rbac("pod-reader", "pod-reader").replace("resources: [pods]", "resources: [pods, deployments]"),
                        List.of("deployments", "[\"\"]", "apiGroup \"apps\"")),
                new Case(new PlacementCheck(), "node-selector-unsatisfiable",
                        deployment("web", 1, "nodeSelector: {disktype: ssd}\n" + CONTAINER),
                        deployment("web", 1, "nodeSelector: {kubernetes.io/hostname: ''}\n" + CONTAINER),
                        List.of("kubernetes.io/hostname", "empty value")),
                new Case(new HostPortCheck(), "host-port-conflict",
                        deployment("exporter", 1, "hostNetwork: true\n" + CONTAINER).replace("kind: Deployment",
                                "kind: DaemonSet") + "---\n"
                                + deployment("agent", 3, CONTAINER.replace("containerPort: 8080,",
                                "containerPort: 9100, hostPort: 9100,")),
                        deployment("exporter", 1, "hostNetwork: true\n" + CONTAINER).replace("kind: Deployment",
                                "kind: DaemonSet") + "---\n"
                                + deployment("agent", 3, CONTAINER.replace("containerPort: 8080,",
                                "containerPort: 8080, hostPort: 8080,")),
                        List.of("hostPort 8080", "Deployment agent", "DaemonSet exporter")),
                new Case(new ServiceHostCheck(), "service-host-missing",
                        "apiVersion: v1\nkind: Service\nmetadata: {name: orders-db, namespace: data}\n"
                                + "spec: {selector: {app: db}, ports: [{port: 5432}]}\n---\n"
                                + deployment("web", 1, "initContainers:\n- name: wait\n  image: busybox:1.36\n"
                                + "  command: [sh, -c, 'until nc -z orders-db.data.svc.cluster.local 5432; do sleep 2; done']\n"
                                + CONTAINER),
                        "apiVersion: v1\nkind: Service\nmetadata: {name: orders-db, namespace: data}\n"
                                + "spec: {selector: {app: db}, ports: [{port: 5432}]}\n---\n"
                                + deployment("web", 1, "initContainers:\n- name: wait\n  image: busybox:1.36\n"
                                + "  command: [sh, -c, 'until nc -z orders-pg.data.svc.cluster.local 5432; do sleep 2; done']\n"
                                + CONTAINER),
                        List.of("orders-pg.data.svc.cluster.local", "[orders-db]", "init container wait")),
                new Case(new MountPathCheck(), "volume-mounted-in-other-container",
                        deployment("web", 1, CONTAINER + "  args: [--config, /etc/web/app.yaml]\n"
                                + "  volumeMounts: [{name: conf, mountPath: /etc/web}]\n"
                                + "- name: shipper\n  image: registry.example.com/shop/shipper:2.0\n"
                                + "  volumeMounts: [{name: conf, mountPath: /etc/web}]\n"
                                + "volumes: [{name: conf, configMap: {name: web-conf}}]"),
                        deployment("web", 1, CONTAINER + "  args: [--config, /etc/web/app.yaml]\n"
                                + "- name: shipper\n  image: registry.example.com/shop/shipper:2.0\n"
                                + "  volumeMounts: [{name: conf, mountPath: /etc/web}]\n"
                                + "volumes: [{name: conf, configMap: {name: web-conf}}]"),
                        List.of("/etc/web/app.yaml", "container shipper", "volume conf")),
                new Case(new PriorityCheck(), "preemption-by-priority",
                        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: critical}\nvalue: 1000\n---\n"
                                + deployment("api", 1, "priorityClassName: critical\n" + CONTAINER
                                + "  resources: {requests: {cpu: 700m}}\n")
                                + deployment("batch", 1, "priorityClassName: critical\n" + CONTAINER
                                + "  resources: {requests: {cpu: 700m}}\n"),
                        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: critical}\nvalue: 1000\n---\n"
                                + deployment("api", 1, "priorityClassName: critical\n" + CONTAINER
                                + "  resources: {requests: {cpu: 700m}}\n")
                                + deployment("batch", 1, CONTAINER + "  resources: {requests: {cpu: 700m}}\n"),
                        List.of("PriorityClass critical", "value 1000", "preempts Deployment batch")),
                new Case(new UnusedObjectCheck(), "configmap-unreferenced",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config, namespace: shop}\n---\n"
                                + deployment("web", 1, CONTAINER + "  envFrom: [{configMapRef: {name: web-config}}]\n"),
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config, namespace: shop}\n---\n"
                                + deployment("web", 1, CONTAINER), List.of("web-config", "never references")),
                new Case(new ProbeCheck(), "probe-no-listener",
                        deployment("web", 1, CONTAINER + "  command: [sh, -c, 'exec web-server --listen :8080']\n"
                                + "  readinessProbe: {httpGet: {path: /ready, port: 8080}}\n"),
                        deployment("web", 1, CONTAINER + "  command: [sh, -c, 'while true; do echo tick; sleep 5; done']\n"
                                + "  readinessProbe: {httpGet: {path: /ready, port: 8080}}\n"),
                        List.of("readinessProbe", "port 8080", "nothing listens", "sleep 5")),
                new Case(new ResourceCheck(), "command-memory-over-limit",
                        deployment("web", 1, CONTAINER + "  args: [--vm, '1', --vm-bytes, 200M]\n"
                                + "  resources: {limits: {memory: 256Mi}}\n"),
                        deployment("web", 1, CONTAINER + "  args: [--vm, '2', --vm-bytes, 200M]\n"
                                + "  resources: {limits: {memory: 256Mi}}\n"),
                        List.of("400Mi", "--vm-bytes 200M", "256Mi", "app")),
                new Case(new ResourceCheck(), "command-memory-over-limit",
                        deployment("web", 1, CONTAINER + "  command: [java, -Xmx256m, -jar, app.jar]\n"
                                + "  resources: {limits: {memory: 1Gi}}\n"),
                        deployment("web", 1, CONTAINER + "  command: [java, -Xmx2g, -jar, app.jar]\n"
                                + "  resources: {limits: {memory: 1Gi}}\n"),
                        List.of("2048Mi", "-Xmx2g", "1Gi")),
                new Case(new ProbeCheck(), "probe-path-invalid",
                        deployment("web", 1, "containers:\n- name: web\n  image: nginx:1.27\n"
                                + "  readinessProbe: {httpGet: {path: /index.html, port: 80}}\n"),
                        deployment("web", 1, "containers:\n- name: web\n  image: nginx:1.27\n"
                                + "  readinessProbe: {httpGet: {path: /healthz, port: 80}}\n"),
                        List.of("readinessProbe", "/healthz", "stock nginx image", "404")),
                new Case(new ContainerCommandCheck(), "command-misspelled",
                        deployment("web", 1, CONTAINER + "  command: [curl, -sf, http://api:8080/]\n"),
                        deployment("web", 1, CONTAINER + "  command: [crul, -sf, http://api:8080/]\n"),
                        List.of("'crul'", "misspelled 'curl'", "registry.example.com/shop/app:1.0.0", "127")),
                new Case(new ContainerCommandCheck(), "command-memory-unbounded",
                        deployment("web", 1, CONTAINER + "  command: [python3, -c, \"buf = []\\nwhile True:\\n"
                                + "    buf.append(read())\\n    if len(buf) > 100:\\n        buf.clear()\\n\"]\n"
                                + "  resources: {limits: {memory: 64Mi}}\n"),
                        deployment("web", 1, CONTAINER + "  command: [python3, -c, \"buf = []\\nwhile True:\\n"
                                + "    buf.append(read())\\n\"]\n"
                                + "  resources: {limits: {memory: 64Mi}}\n"),
                        List.of("container app", "endless loop", "buf.append(read())", "64Mi memory limit",
                                "memory leak")),
                new Case(new ProbeCheck(), "probe-port-mismatch",
                        deployment("web", 1, CONTAINER + "  readinessProbe: {httpGet: {path: /ready, port: http}}\n"),
                        deployment("web", 1, CONTAINER + "  readinessProbe: {httpGet: {path: /ready, port: 9090}}\n"),
                        List.of("port 9090", "[8080]")));
    }

    static String ingress(String service, int port) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec:
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend: {service: {name: %s, port: {number: %d}}}
                ---
                """.formatted(service, port);
    }

    static String rbac(String defined, String bound) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: %s, namespace: shop}
                rules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: read-pods, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: %s}
                subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
                ---
                """.formatted(defined, bound);
    }

    private static List<Finding> run(ManifestCheck check, String yaml) {
        ManifestSet set = PARSER.parse(yaml);
        assertTrue(set.notes().isEmpty(), set.notes().toString());
        assertTrue(!set.objects().isEmpty(), "nothing parsed");
        return check.check(set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passingSetHasNoFindingAndFailingSetNamesTheObjects(Case c) {
        assertTrue(c.check().keys().contains(c.key()), "key not declared by the family");
        List<Finding> pass = run(c.check(), c.passing());
        assertTrue(pass.stream().noneMatch(f -> f.key().equals(c.key())), pass.toString());
        List<Finding> fail = run(c.check(), c.failing());
        Finding f = fail.stream().filter(x -> x.key().equals(c.key())).findFirst().orElse(null);
        assertTrue(f != null, "expected " + c.key() + " in " + fail);
        for (String n : c.named()) {
            assertTrue(f.message().contains(n), "'" + n + "' not in: " + f.message());
        }
        assertEquals(!WEAK.contains(c.key()), f.definite(), f.toString());
        assertTrue(!f.values().isEmpty(), "no values");
    }

    @Test
    void aHostNamePinWithoutNodesShownIsAWeakFinding() {
        String pinned = """
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - {key: kubernetes.io/hostname, operator: In, values: [node-gone]}
                """;
        List<Finding> found = run(new PlacementCheck(), deployment("web", 1, CONTAINER + pinned));
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("node-selector-unsatisfiable", f.key());
        assertTrue(!f.definite() && f.message().contains("node-gone"), f.toString());
        assertTrue(run(new PlacementCheck(), NODES + deployment("web", 1, CONTAINER + pinned.replace("node-gone",
                "node-a"))).isEmpty(), "a pin to a node that is shown is no finding");
    }

    @Test
    void memoryFarAboveItsRequestOrUnlimitedIsAWeakOvercommitFinding() {
        String loadgen = deployment("loadgen", 1, CONTAINER + "  args: [--vm, '3', --vm-bytes, 1G]\n");
        Finding unlimited = run(new ResourceCheck(), loadgen).get(0);
        assertEquals("memory-overcommit", unlimited.key());
        assertTrue(!unlimited.definite() && unlimited.message().contains("3072Mi")
                && unlimited.message().contains("no memory limit"), unlimited.toString());
        Finding wide = run(new ResourceCheck(), deployment("web", 1, CONTAINER
                + "  resources: {requests: {memory: 64Mi}, limits: {memory: 8Gi}}\n")).get(0);
        assertEquals("memory-overcommit", wide.key());
        assertTrue(wide.message().contains("64Mi") && wide.message().contains("8Gi"), wide.toString());
        assertTrue(run(new ResourceCheck(), deployment("web", 1, CONTAINER
                + "  resources: {requests: {memory: 256Mi}, limits: {memory: 512Mi}}\n")).isEmpty());
    }

    @Test
    void aConfigMapNoPodReferencesIsAWeakFinding() {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config, namespace: shop}\n"
                + "data: {MODE: production}\n---\n";
        List<Finding> found = run(new UnusedObjectCheck(), cm + deployment("web", 1, CONTAINER));
        assertEquals(1, found.size(), found.toString());
        assertEquals("configmap-unreferenced", found.get(0).key());
        assertTrue(!found.get(0).definite() && found.get(0).message().contains("web-config"), found.toString());
        assertTrue(run(new UnusedObjectCheck(), cm + deployment("web", 1, CONTAINER
                + "  envFrom: [{configMapRef: {name: web-config}}]\n")).isEmpty());
        assertTrue(run(new UnusedObjectCheck(), cm + deployment("web", 1, "volumes: [{name: c, configMap: {name: "
                + "web-config}}]\n" + CONTAINER)).isEmpty());
    }

    @Test
    void aClaimWithNoClassAndNothingToBindItIsAWeakFinding() {
        String claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\n"
                + "spec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n%s---\n";
        Finding empty = run(new StorageCheck(), claim.formatted("  storageClassName: ''\n")).get(0);
        assertEquals("pvc-unbound-no-class", empty.key());
        assertTrue(!empty.definite() && empty.message().contains("empty string"), empty.toString());
        Finding unset = run(new StorageCheck(), claim.formatted("")).get(0);
        assertTrue(unset.message().contains("default StorageClass"), unset.toString());
        String pv = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec:\n"
                + "  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /data}\n---\n";
        assertTrue(run(new StorageCheck(), pv + claim.formatted("")).isEmpty(), "a PersistentVolume is shown");
        String sc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n"
                + "provisioner: ebs.csi.aws.com\n---\n";
        assertTrue(run(new StorageCheck(), sc + claim.formatted("")).isEmpty(), "a StorageClass is shown");
    }

    @Test
    void everyFamilyHasACase() {
        Set<Class<?>> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.check().getClass()));
        for (ManifestCheck c : ManifestChecks.all()) {
            assertTrue(covered.contains(c.getClass()), c.getClass().getSimpleName() + " has no case");
        }
    }

    @Test
    void networkPoliciesAddUpAndPodsNamedOnlyByAPolicyAreCheckedToo() {
        String deny = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: shop}\n"
                + "spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\n";
        String db = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-db, namespace: shop}\n"
                + "spec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress:\n"
                + "  - ports: [{protocol: TCP, port: 5432}]\n---\n";
        String dns = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-dns, namespace: shop}\n"
                + "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [{protocol: UDP, port: 53}]\n---\n";
        List<Finding> limited = run(new NetworkPolicyCheck(), deny + db + deployment("web", 1, CONTAINER));
        assertTrue(limited.stream().anyMatch(f -> f.key().equals("network-policy-blocks-dns")
                && f.values().get("networkpolicy").equals("default-deny")), limited.toString());
        assertTrue(limited.stream().noneMatch(f -> f.key().equals("network-policy-denies-egress")), limited.toString());
        List<Finding> withDns = run(new NetworkPolicyCheck(), deny + db + dns + deployment("web", 1, CONTAINER));
        assertTrue(withDns.stream().noneMatch(f -> f.key().contains("egress") || f.key().contains("dns")),
                withDns.toString());
        List<Finding> policiesOnly = run(new NetworkPolicyCheck(), deny + db);
        assertTrue(policiesOnly.stream().anyMatch(f -> f.key().equals("network-policy-blocks-dns")
                && f.message().contains("app=web")), policiesOnly.toString());
    }

    @Test
    void aServiceHostIsJudgedOnlyAgainstServicesOtherThanTheCallersOwn() {
        String own = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
                + "spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n---\n";
        String caller = deployment("web", 1, CONTAINER + "  env: [{name: SMTP, value: 'mail-relay.shop.svc:25'}]\n");
        assertTrue(run(new ServiceHostCheck(), own + caller).isEmpty(), "the caller's own Service is no evidence");
        String other = "apiVersion: v1\nkind: Service\nmetadata: {name: cache, namespace: shop}\n"
                + "spec: {selector: {app: cache}, ports: [{port: 6379}]}\n---\n";
        Finding weak = run(new ServiceHostCheck(), own + other + caller).get(0);
        assertTrue(!weak.definite() && weak.message().contains("[cache]"), weak.toString());
        // a name that repeats a word is read like any other
        String repeated = caller.replace("mail-relay.shop.svc", "relay-to-relay.shop.svc");
        assertTrue(run(new ServiceHostCheck(), own + other + repeated).get(0).message().contains("relay-to-relay"));
        String relay = other.replace("name: cache", "name: smtp-relay");
        Finding sure = run(new ServiceHostCheck(), own + relay + caller).get(0);
        assertTrue(sure.definite() && sure.message().contains("mail-relay.shop.svc"), sure.toString());
    }

    @Test
    void aStatefulSetMountsTheVolumesOfItsClaimTemplates() {
        String sts = deployment("queue", 3, CONTAINER + "  volumeMounts: [{name: data, mountPath: /var/lib/queue}]\n")
                .replace("kind: Deployment", "kind: StatefulSet").replace("spec:\n  replicas:",
                        "spec:\n  serviceName: queue\n  volumeClaimTemplates:\n  - metadata: {name: data}\n"
                                + "    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}\n"
                                + "  replicas:");
        assertTrue(sts.contains("volumeClaimTemplates"), sts);
        assertTrue(run(new ReferenceCheck(), sts).stream().noneMatch(f -> f.key().equals("volume-mount-missing")),
                run(new ReferenceCheck(), sts).toString());
        String other = sts.replace("name: data, mountPath", "name: logs, mountPath");
        assertTrue(run(new ReferenceCheck(), other).stream().anyMatch(f -> f.key().equals("volume-mount-missing")
                && f.message().contains("logs")), run(new ReferenceCheck(), other).toString());
    }

    @Test
    void missingObjectsAreWeakWhenTheEvidenceShowsNoneOfTheirKind() {
        String pod = deployment("web", 1, CONTAINER + "  envFrom: [{configMapRef: {name: web-config}}]\n");
        Finding weak = run(new ReferenceCheck(), pod).get(0);
        assertEquals("configmap-missing", weak.key());
        assertTrue(!weak.definite() && weak.message().contains("not among the objects shown"), weak.toString());
        String withOther = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: shop}\ndata: {a: b}\n---\n"
                + pod;
        Finding strong = run(new ReferenceCheck(), withOther).get(0);
        assertTrue(strong.definite() && strong.message().contains("[other]"), strong.toString());
    }

    @Test
    void aServiceOrIngressShownAloneIsAWeakFinding() {
        String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\n"
                + "spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}\n";
        Finding f = run(new ServiceCheck(), svc).get(0);
        assertTrue(!f.definite() && f.message().contains("app=api") && f.message().contains("among the objects shown"), f.toString());
        Finding g = run(new IngressCheck(), ingress("api", 80)).get(0);
        assertTrue(!g.definite() && g.message().contains("Service api"), g.toString());
        assertEquals(List.of(), run(new ServiceCheck(), svc + "---\n" + deployment("api", 1, CONTAINER)));
    }

    @Test
    void quantitiesUseKubernetesArithmetic() {
        String yaml = NODES + deployment("web", 1, CONTAINER + "  resources: {requests: {cpu: '3950m'}}\n");
        List<Finding> f = run(new ResourceCheck(), yaml);
        assertEquals(List.of(), f, "4 cores on node-a fit 3950m");
        List<Finding> g = run(new ResourceCheck(), yaml.replace("3950m", "4.5"));
        assertEquals("request-exceeds-node", g.get(0).key());
        assertEquals(Map.of("container", "app", "resource", "cpu", "request", "4.5", "node", "node-a",
                "workload", "deployment/web", "namespace", "shop"), g.get(0).values());
    }

    @Test
    void keysAreUniqueAcrossFamilies() {
        List<String> all = new ArrayList<>();
        ManifestChecks.all().forEach(c -> all.addAll(c.keys()));
        assertEquals(all.size(), new HashSet<>(all).size(), all.toString());
    }
}
