package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A finding of the manifest checks leads through the graph to a cause that names its objects and values. */
class ManifestDiagnosisTest {
    private static CausalGraph graph;

    @BeforeAll
    static void open() {
        graph = new KubeGraphProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static CausalChain diagnose(String symptoms, String manifests) {
        Incident incident = Incident.builder().id("m").symptoms(symptoms)
                .evidence(new Evidence(EvidenceKind.TEXT, "pasted session", manifests)).build();
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        return graph.explore(new Exploration(a.signals(), List.of(), 3, 3)).get(0);
    }

    @Test
    void serviceSelectorMismatchNamesTheLabels() {
        String session = String.join("\n",
                "$ kubectl get svc web -n shop -o yaml",
                "apiVersion: v1",
                "kind: Service",
                "metadata:",
                "  name: web",
                "  namespace: shop",
                "spec:",
                "  selector:",
                "    app: web-v2",
                "  ports:",
                "  - port: 80",
                "    targetPort: 8080",
                "$ cat <<EOF | kubectl apply -f -",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata:",
                "  name: web",
                "  namespace: shop",
                "spec:",
                "  selector: {matchLabels: {app: web}}",
                "  template:",
                "    metadata: {labels: {app: web}}",
                "    spec:",
                "      containers: [{name: web, image: 'nginx:1.27', ports: [{containerPort: 8080}]}]",
                "EOF",
                "$ curl http://web.shop",
                "curl: (7) Failed to connect to web.shop port 80: Connection refused");
        CausalChain top = diagnose("the web service refuses connections", session);
        assertEquals("network-service-selector-mismatch", top.causeId(), top.toString());
        String first = top.rootCause().substring(0, Math.min(300, top.rootCause().length()));
        assertTrue(first.contains("Service web selects app=web-v2 but the pods of Deployment web are labelled app=web"),
                top.rootCause());
        assertTrue(top.remediation().get(0).command().contains("svc web -n shop"), top.remediation().toString());
    }

    @Test
    void removedApiVersionLeadsToItsCause() {
        String yaml = String.join("\n", "apiVersion: extensions/v1beta1", "kind: Ingress",
                "metadata: {name: shop, namespace: shop}", "spec:", "  rules: [{host: shop.example.com}]");
        CausalChain top = diagnose("kubectl apply fails after the cluster upgrade", yaml);
        assertEquals("config-api-version-removed", top.causeId(), top.toString());
        assertTrue(top.rootCause().startsWith("Ingress shop uses apiVersion extensions/v1beta1"), top.rootCause());
        assertTrue(top.remediation().get(0).command().contains("networking.k8s.io/v1"), top.remediation().toString());
    }

    @Test
    void memoryEmptyDirLeadsToItsCause() {
        String yaml = String.join("\n", "apiVersion: v1", "kind: Pod", "metadata: {name: cache-0, namespace: jobs}",
                "spec:", "  containers:", "  - name: worker", "    image: busybox:1.36",
                "    resources: {limits: {memory: 256Mi}}", "    volumeMounts: [{name: scratch, mountPath: /scratch}]",
                "  volumes: [{name: scratch, emptyDir: {medium: Memory, sizeLimit: 1Gi}}]");
        CausalChain top = diagnose("the worker pod keeps getting killed", yaml);
        assertEquals("resource-emptydir-memory-limit", top.causeId(), top.toString());
        assertTrue(top.rootCause().contains("emptyDir scratch of Pod cache-0"), top.rootCause());
    }
}
