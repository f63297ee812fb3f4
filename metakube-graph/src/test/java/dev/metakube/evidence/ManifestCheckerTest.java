package dev.metakube.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Signal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each manifest check has a negative case (the consistent set {@link #BASE} yields no finding at all) and a
 * positive case (one edit of the set yields exactly that check's finding).
 */
class ManifestCheckerTest {
    static final String BASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: shop
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: api
              template:
                metadata:
                  labels:
                    app: api
                spec:
                  serviceAccountName: api
                  nodeSelector:
                    pool: general
                  imagePullSecrets:
                  - name: regcred
                  tolerations:
                  - key: dedicated
                    operator: Equal
                    value: shop
                    effect: NoSchedule
                  containers:
                  - name: api
                    image: registry.example.com/shop/api:1.4.0
                    command: ["/app/server"]
                    ports:
                    - containerPort: 8080
                      name: http
                    env:
                    - name: LOG_LEVEL
                      valueFrom:
                        configMapKeyRef:
                          name: api-config
                          key: log_level
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: db-credentials
                          key: password
                    resources:
                      requests:
                        cpu: 250m
                        memory: 256Mi
                      limits:
                        cpu: "1"
                        memory: 512Mi
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: http
                    readinessProbe:
                      tcpSocket:
                        port: 8080
                  volumes:
                  - name: config
                    configMap:
                      name: api-config
                  - name: data
                    persistentVolumeClaim:
                      claimName: api-data
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              namespace: shop
            spec:
              selector:
                app: api
              ports:
              - port: 80
                targetPort: http
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: api-config
              namespace: shop
            data:
              log_level: info
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
              namespace: shop
            data:
              password: cGFzcw==
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: regcred
              namespace: shop
            type: kubernetes.io/dockerconfigjson
            data:
              .dockerconfigjson: e30=
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: api
              namespace: shop
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: api-data
              namespace: shop
            spec:
              storageClassName: fast
              accessModes: [ReadWriteOnce]
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: fast
            provisioner: ebs.csi.aws.com
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: nginx
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: api
              namespace: shop
            spec:
              ingressClassName: nginx
              rules:
              - host: api.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: api
                        port:
                          number: 80
            ---
            apiVersion: v1
            kind: Node
            metadata:
              name: worker-1
              labels:
                pool: general
                kubernetes.io/arch: amd64
            spec:
              taints:
              - key: dedicated
                value: shop
                effect: NoSchedule
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: shop-quota
              namespace: shop
            spec:
              hard:
                requests.cpu: "2"
                requests.memory: 2Gi
                limits.cpu: "4"
                limits.memory: 4Gi
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api-traffic
              namespace: shop
            spec:
              podSelector:
                matchLabels:
                  app: api
              policyTypes: [Ingress, Egress]
              ingress:
              - from:
                - podSelector: {}
              egress:
              - ports:
                - port: 53
                  protocol: UDP
              - ports:
                - port: 5432
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: pod-reader
              namespace: shop
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: [get, list, watch]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: api-pod-reader
              namespace: shop
            subjects:
            - kind: ServiceAccount
              name: api
              namespace: shop
            roleRef:
              kind: Role
              name: pod-reader
              apiGroup: rbac.authorization.k8s.io
            """;

    /** A check's positive case: replace {@code from} by {@code to} in the base set. */
    record Edit(String key, String from, String to) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Edit> edits() {
        return List.of(
                new Edit("service-selector-no-match", "  selector:\n    app: api\n  ports:", "  selector:\n    app: api-v2\n  ports:"),
                new Edit("service-target-port-mismatch", "targetPort: http", "targetPort: 9090"),
                new Edit("configmap-missing", "  name: api-config\n  namespace: shop\ndata:", "  name: api-settings\n  namespace: shop\ndata:"),
                new Edit("configmap-key-missing", "key: log_level", "key: loglevel"),
                new Edit("secret-missing", "  name: db-credentials\n  namespace: shop", "  name: db-creds\n  namespace: shop"),
                new Edit("secret-key-missing", "key: password", "key: db-password"),
                new Edit("image-pull-secret-missing", "  - name: regcred", "  - name: harbor-pull"),
                new Edit("serviceaccount-missing", "serviceAccountName: api", "serviceAccountName: api-runner"),
                new Edit("probe-port-mismatch", "tcpSocket:\n            port: 8080", "tcpSocket:\n            port: 8081"),
                new Edit("probe-path-invalid", "path: /healthz", "path: healthz"),
                new Edit("request-exceeds-limit", "memory: 256Mi", "memory: 600Mi"),
                new Edit("quota-exceeded", "requests.memory: 2Gi", "requests.memory: 300Mi"),
                new Edit("quota-requires-limits", "          limits:\n            cpu: \"1\"\n", "          limits:\n"),
                new Edit("node-selector-unsatisfiable", "pool: general\n      imagePullSecrets", "pool: gpu\n      imagePullSecrets"),
                new Edit("taint-not-tolerated", "value: shop\n        effect: NoSchedule\n      containers", "value: batch\n        effect: NoSchedule\n      containers"),
                new Edit("network-policy-denies-ingress", "  ingress:\n  - from:\n    - podSelector: {}\n", "  ingress: []\n"),
                new Edit("network-policy-denies-egress", "  egress:\n  - ports:\n    - port: 53\n      protocol: UDP\n  - ports:\n    - port: 5432\n", "  egress: []\n"),
                new Edit("network-policy-blocks-dns", "    - port: 53\n      protocol: UDP", "    - port: 443\n      protocol: TCP"),
                new Edit("rbac-role-missing", "  kind: Role\n  name: pod-reader", "  kind: Role\n  name: pods-reader"),
                new Edit("image-reference-invalid", "image: registry.example.com/shop/api:1.4.0", "image: registry.example.com/Shop/API:1.4.0"),
                new Edit("command-not-in-image", "image: registry.example.com/shop/api:1.4.0\n        command: [\"/app/server\"]",
                        "image: gcr.io/distroless/static:nonroot\n        command: [\"/bin/sh\", \"-c\", \"/app/server\"]"),
                new Edit("image-arch-mismatch", "nodeSelector:\n        pool: general", "nodeSelector:\n        pool: general\n        kubernetes.io/arch: arm64\n      # image built for amd64")
                        ,
                new Edit("ingressclass-missing", "ingressClassName: nginx", "ingressClassName: traefik"),
                new Edit("ingress-backend-missing", "          service:\n            name: api", "          service:\n            name: api-web"),
                new Edit("storageclass-missing", "storageClassName: fast", "storageClassName: fast-ssd"),
                new Edit("pvc-missing", "claimName: api-data", "claimName: api-storage"));
    }

    private static Map<String, Signal> check(String manifests, Map<String, String> named) {
        List<String> notes = new ArrayList<>();
        Map<String, Signal> out = new HashMap<>();
        for (Signal s : new ManifestChecker().check(manifests, notes, named)) {
            out.put(s.key(), s);
        }
        assertTrue(notes.isEmpty(), notes.toString());
        return out;
    }

    @Test
    void aConsistentSetHasNoFinding() {
        assertEquals(Map.of(), check(BASE, new HashMap<>()));
        Map<String, String> named = new HashMap<>(Map.of("verb", "watch", "resource", "pods"));
        assertEquals(Map.of(), check(BASE, named), "the Role grants watch on pods");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void oneEditYieldsItsFinding(Edit e) {
        assertTrue(BASE.contains(e.from()), "edit does not apply: " + e.from());
        String edited = BASE.replace(e.from(), e.to());
        if (e.key().equals("image-arch-mismatch")) {
            edited = edited.replace("image: registry.example.com/shop/api:1.4.0",
                    "image: registry.example.com/shop/api:1.4.0-amd64").replace("kubernetes.io/arch: amd64",
                    "kubernetes.io/arch: arm64");
        }
        Map<String, Signal> found = check(edited, new HashMap<>());
        assertEquals(List.of(e.key()), found.keySet().stream().sorted().collect(Collectors.toList()),
                found.values().toString());
        assertTrue(found.get(e.key()).strength() >= 0.9, "a definite finding");
    }

    @Test
    void aRefusedVerbNoRoleGrantsIsAFinding() {
        Map<String, String> named = new HashMap<>(Map.of("verb", "delete", "resource", "pods"));
        Map<String, Signal> found = check(BASE, named);
        assertEquals(List.of("rbac-permission-missing"), List.copyOf(found.keySet()));
        assertEquals("api", named.get("serviceaccount"));
    }

    @Test
    void referencesToKindsTheSetDoesNotDefineAreWeakFindings() {
        String deploymentOnly = BASE.substring(0, BASE.indexOf("---"));
        Map<String, Signal> found = check(deploymentOnly, new HashMap<>());
        assertTrue(found.containsKey("configmap-missing"), found.toString());
        assertTrue(found.get("configmap-missing").strength() < 0.9, "the ConfigMap may exist in the cluster");
    }

    @Test
    void jsonListsAndBrokenDocumentsAreRead() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80}]}},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"other\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}]}";
        List<String> notes = new ArrayList<>();
        List<Signal> found = new ManifestChecker().check(json, notes, new HashMap<>());
        assertEquals(List.of("service-selector-no-match"), found.stream().map(Signal::key).toList());
        List<Signal> broken = new ManifestChecker().check("apiVersion: v1\nkind: Pod\n  bad: [unclosed\n", notes,
                new HashMap<>());
        assertTrue(broken.isEmpty());
        assertTrue(notes.stream().anyMatch(n -> n.contains("skipped the manifest at line 1")), notes.toString());
    }
}
