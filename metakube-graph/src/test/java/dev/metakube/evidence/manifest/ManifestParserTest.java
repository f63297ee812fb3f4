package dev.metakube.evidence.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser reads every shape of manifest evidence, skips what it cannot read with a note, and stays linear. */
class ManifestParserTest {
    private final ManifestParser parser = new ManifestParser();

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              creationTimestamp: 2026-01-02T03:04:05Z
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    resources: {requests: {memory: 1.5Gi, cpu: 250m}}
            """;

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    private List<String> kinds(String text) {
        ManifestSet set = parser.parse(text);
        assertTrue(set.notes().isEmpty(), set.notes().toString());
        return set.objects().stream().map(HasMetadata::getKind).toList();
    }

    @Test
    void multiDocumentYamlBecomesTypedObjects() {
        ManifestSet set = parser.parse(DEPLOYMENT + "---\n" + SERVICE);
        assertEquals(2, set.objects().size());
        Deployment d = set.ofKind(Deployment.class).get(0);
        assertEquals(3, d.getSpec().getReplicas());
        Quantity memory = d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                .get("memory");
        assertEquals(0, ManifestSet.amount(memory).compareTo(new java.math.BigDecimal(1_610_612_736L)));
        assertEquals(8080, set.ofKind(Service.class).get(0).getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertEquals(1, set.workloads().size());
    }

    @Test
    void listsJsonHelmAndKubectlOutputAreRead() {
        String list = "apiVersion: v1\nitems:\n- " + DEPLOYMENT.strip().replace("\n", "\n  ") + "\n- "
                + SERVICE.strip().replace("\n", "\n  ") + "\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";
        assertEquals(List.of("Deployment", "Service"), kinds(list));
        String helm = "---\n# Source: shop/templates/service.yaml\n" + SERVICE + "---\n# Source: shop/templates/web.yaml\n"
                + DEPLOYMENT;
        assertEquals(List.of("Service", "Deployment"), kinds(helm));
        String json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {\"apiVersion\": \"v1\","
                + " \"kind\": \"Service\", \"metadata\": {\"name\": \"web\"}, \"spec\": {\"ports\": [{\"port\": 80}]}}\n"
                + "  ]\n}\n";
        assertEquals(List.of("Service"), kinds(json));
        // two documents without a separator, as people paste them
        assertEquals(List.of("Service", "Deployment"), kinds(SERVICE + DEPLOYMENT));
    }

    @Test
    void manifestsInsideAShellSessionHeredocOrMarkdownAreFound() {
        String session = "$ kubectl get svc web -o yaml\n" + SERVICE + "$ cat <<EOF | kubectl apply -f -\n" + DEPLOYMENT
                + "EOF\ndeployment.apps/web configured\n";
        assertEquals(List.of("Service", "Deployment"), kinds(session));
        String markdown = "I applied this:\n\n```yaml\n" + DEPLOYMENT + "```\n\nand the service:\n\n    "
                + SERVICE.strip().replace("\n", "\n    ") + "\n\nbut it does not work.";
        assertEquals(List.of("Deployment", "Service"), kinds(markdown));
    }

    @Test
    void redactedSecretValuesKeepTheirKeys() {
        ManifestSet set = parser.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: [REDACTED]\n");
        assertTrue(set.notes().isEmpty(), set.notes().toString());
        assertEquals(java.util.Set.of("password"),
                set.ofKind(io.fabric8.kubernetes.api.model.Secret.class).get(0).getData().keySet());
    }

    @Test
    void badDocumentsAreSkippedWithANoteAndTheOthersKept() {
        String text = SERVICE + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n---\n"
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: many}\n---\n" + DEPLOYMENT;
        ManifestSet set = parser.parse(text);
        assertEquals(List.of("Service", "Deployment"), set.objects().stream().map(HasMetadata::getKind).toList());
        assertEquals(2, set.notes().size(), set.notes().toString());
    }

    @Test
    void aliasBombsDeepNestingAndHugeScalarsAreRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n");
        bomb.append("  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        long t0 = System.nanoTime();
        ManifestSet set = parser.parse(bomb.toString());
        assertTrue(set.objects().isEmpty() && !set.notes().isEmpty(), set.notes().toString());
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: " + "[".repeat(5_000)
                + "]".repeat(5_000) + "\n";
        assertTrue(parser.parse(deep).objects().isEmpty());
        String deepJson = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":" + "[".repeat(5_000)
                + "]".repeat(5_000) + "}";
        assertTrue(parser.parse(deepJson).objects().isEmpty());
        String huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {k: " + "y".repeat(3_000_000) + "}\n";
        assertTrue(parser.parse(huge).objects().isEmpty());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused quickly");
    }

    @Test
    void mutatedManifestsNeverThrow() {
        Random r = new Random(13);
        String base = DEPLOYMENT + "---\n" + SERVICE + "---\n" + "{\"apiVersion\": \"v1\", \"kind\": \"Secret\","
                + " \"metadata\": {\"name\": \"s\"}, \"data\": {\"k\": \"dg==\"}}\n";
        String alphabet = "{}[]:-,&*!|>'\"#\n \t\\%@`?";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder b = new StringBuilder(base);
            int edits = 1 + r.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(b.length());
                switch (r.nextInt(4)) {
                    case 0 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> b.deleteCharAt(at);
                    case 2 -> {
                        int from = r.nextInt(b.length());
                        b.insert(at, b.substring(from, Math.min(b.length(), from + 40)));
                    }
                    default -> b.setCharAt(at, (char) r.nextInt(0x3000));
                }
            }
            ManifestSet set = parser.parse(b.toString());
            ManifestChecks.run(set, new java.util.ArrayList<>());
        }
    }

    @Test
    void timeIsLinearInTheInput() {
        String one = DEPLOYMENT + "---\n" + SERVICE + "---\n";
        parser.parse(one.repeat(200));
        long small = best(one.repeat(100));
        long large = best(one.repeat(800));
        assertTrue(large < small * 8 * 3, "8x the input took " + (double) large / small + "x the time");
        // unclosed braces and lone anchors of pasted logs do not make the line pass quadratic
        String braces = ("{ \"kind\": \"x\"\n").repeat(20_000) + "apiVersion: v1\n";
        long t0 = System.nanoTime();
        parser.parse(braces);
        assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
    }

    private long best(String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            parser.parse(text);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
