package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private static final String VENDOR_INCIDENT = String.join("\n",
            "id: vendor-1",
            "symptoms: ledger-sync jobs stopped finishing after the weekend",
            "context: {namespace: finance, kind: Job, name: ledger-sync-28911}",
            "evidence:",
            "  - kind: logs",
            "    source: kubectl logs job/ledger-sync-28911 -n finance",
            "    text: |",
            "      2026-06-01T02:00:03Z INFO starting ledger sync batch=%s",
            "      2026-06-01T02:00:04Z ERROR quillstream client: upstream answered QS-4471 partition cursor rewound",
            "      2026-06-01T02:00:04Z ERROR batch aborted, retrying in 30s");

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void diagnosesTheBundledSampleIncident() {
        Cli r = Cli.run("diagnose", "incidents/oom-killed.yaml", "--data", data());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Root cause"), r.out);
        assertTrue(r.out.contains("Remediation"), r.out);
        assertTrue(r.out.toLowerCase().contains("memory"), r.out);
    }

    private static final String MANIFESTS = String.join("\n",
            "# Source: shop/templates/web.yaml",
            "---",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web, namespace: shop}",
            "spec:",
            "  replicas: 2",
            "  selector: {matchLabels: {app: web}}",
            "  template:",
            "    metadata: {labels: {app: web}}",
            "    spec:",
            "      containers:",
            "      - name: web",
            "        image: registry.example.com/shop/web:2.1.0",
            "        ports: [{containerPort: 8080, name: http}]",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: web, namespace: shop}",
            "spec:",
            "  selector: {app: web-v2}",
            "  ports: [{port: 80, targetPort: http}]",
            "");

    @Test
    void diagnosesPlainManifests() throws IOException {
        Path yaml = write("deploy.yaml", MANIFESTS);
        Cli r = Cli.run("diagnose", yaml.toString(), "--json", "--in-memory");
        assertEquals(0, r.exit, r.toString());
        JsonNode d = new ObjectMapper().readTree(r.out);
        String cause = d.get("rootCause").asText();
        assertTrue(cause.contains("Service web selects app=web-v2") && cause.contains("app=web"), cause);
        assertTrue(d.get("remediation").toString().contains("svc web -n shop"), d.get("remediation").toString());

        // the same objects as kubectl get -o json prints them: a List
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},"
                + "\"spec\":{\"selector\":{\"app\":\"web-v2\"},\"ports\":[{\"port\":80}]}},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\","
                + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}]}";
        Cli j = Cli.run("diagnose", write("objects.json", json).toString(), "--json", "--in-memory");
        assertEquals(0, j.exit, j.toString());
        assertTrue(new ObjectMapper().readTree(j.out).get("rootCause").asText().contains("app=web-v2"), j.out);
    }

    @Test
    void printsJson() throws IOException {
        Cli r = Cli.run("diagnose", "incidents/oom-killed.yaml", "--json", "--in-memory");
        assertEquals(0, r.exit, r.toString());
        JsonNode d = new ObjectMapper().readTree(r.out);
        assertEquals("resource", d.get("category").asText());
        assertFalse(d.get("rootCause").asText().isBlank());
        assertTrue(d.get("remediation").isArray());
        assertTrue(d.get("confidence").asDouble() >= 0 && d.get("confidence").asDouble() <= 1);
    }

    @Test
    void feedbackTeachesTheNextDiagnosis() throws IOException {
        String cause = "The quillstream vendor client rewinds its partition cursor after the upstream's weekend"
                + " compaction, so every ledger-sync batch aborts";
        Path first = write("first.yaml", String.format(VENDOR_INCIDENT, "1"));
        Cli before = Cli.run("diagnose", first.toString(), "--data", data());
        assertEquals(0, before.exit, before.toString());
        assertFalse(before.out.contains("quillstream vendor client rewinds"), before.out);

        Cli fb = Cli.run("feedback", first.toString(), "--data", data(), "--category", "configuration", "--cause",
                cause, "--fix", "kubectl set env cronjob/ledger-sync -n finance QS_CURSOR_RESET=latest");
        assertEquals(0, fb.exit, fb.toString());
        assertTrue(fb.out.contains("Recorded episode"), fb.out);

        Path similar = write("similar.yaml", String.format(VENDOR_INCIDENT, "2").replace("ledger-sync-28911",
                "ledger-sync-28950"));
        Cli after = Cli.run("diagnose", similar.toString(), "--data", data());
        assertEquals(0, after.exit, after.toString());
        assertTrue(after.out.contains(cause), after.out);
        assertTrue(after.out.contains("QS_CURSOR_RESET=latest"), after.out);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws IOException {
        // A store with one episode that bad input must not touch.
        Path good = write("good.yaml", String.format(VENDOR_INCIDENT, "1"));
        Cli first = Cli.run("feedback", good.toString(), "--data", data(), "--category", "network", "--cause",
                "a firewall change");
        assertEquals(0, first.exit, first.toString());
        long stored = episodes(first.out);

        String[][] cases = {
            {"empty.yaml", "", "empty"},
            {"blank.txt", "  \n\n  ", "empty"},
            {"broken.json", "{\"id\": \"x\", \"symptoms\": ", "malformed JSON"},
            {"broken.yaml", "id: x\nsymptoms: [unclosed\n", "malformed YAML"},
            {"unknown.yaml", "id: x\nsymtoms: typo\nevidence: text\n", "unknown field 'symtoms'"},
            {"badkind.yaml", "id: x\nevidence:\n  - kind: screenshot\n    text: hi\n", "unknown evidence kind"},
        };
        for (String[] c : cases) {
            Path p = write(c[0], c[1]);
            Cli r = Cli.run("diagnose", p.toString(), "--data", data());
            assertEquals(2, r.exit, c[0] + ": " + r);
            assertTrue(r.err.contains(c[2]), c[0] + ": " + r.err);
            assertTrue(r.err.contains(c[0]), "names the file: " + r.err);
            assertEquals(1, r.err.strip().lines().count(), "one line, no stack trace: " + r.err);
        }
        Path binary = dir.resolve("core.bin");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3});
        Cli r = Cli.run("diagnose", binary.toString(), "--data", data());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("binary"), r.err);
        assertEquals(2, Cli.run("diagnose", dir.resolve("missing.yaml").toString(), "--data", data()).exit);
        assertEquals(2, Cli.run("feedback", good.toString(), "--data", data(), "--category", "weather", "--cause", "x").exit);

        Cli stats = Cli.run("feedback", good.toString(), "--data", data(), "--category", "network", "--cause",
                "a firewall change");
        assertEquals(stored + 1, episodes(stats.out), "everything stored before the bad input survived: " + stats.out);
    }

    private static long episodes(String feedbackOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) episodes in memory\\)").matcher(feedbackOutput);
        assertTrue(m.find(), feedbackOutput);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aHugeLogIsTruncatedAndSaysSo() throws IOException {
        Path log = dir.resolve("huge.log");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            line.append("x");
        }
        String filler = "2026-06-01T00:00:00Z INFO heartbeat ok " + line + "\n";
        try (var w = Files.newBufferedWriter(log)) {
            long written = 0;
            while (written < 50L * 1024 * 1024) {
                w.write(filler);
                written += filler.length();
            }
            w.write("Warning  BackOff  kubelet  Back-off restarting failed container\n");
            w.write("Last State: Terminated Reason: OOMKilled Exit Code: 137\n");
        }
        Cli r = Cli.run("diagnose", log.toString(), "--in-memory");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("read its last"), r.err);
        assertTrue(r.out.contains("Root cause"), r.out);
    }

    @Test
    void evalWritesResultsAndSummary() throws IOException {
        Path scenarios = write("s.jsonl", String.join("\n",
                "{\"id\":\"s1\",\"category\":\"resource\",\"symptoms\":\"api restarts\",\"evidence\":\"Last State: Terminated\\nReason: OOMKilled\\nExit Code: 137\",\"root_cause\":\"memory limit too low\",\"root_cause_keywords\":[\"memory\"],\"fix_keywords\":[\"limit\"]}",
                "{\"id\":\"s2\",\"category\":\"image\",\"symptoms\":\"deploy stuck\",\"evidence\":[{\"kind\":\"events\",\"source\":\"events\",\"text\":\"Failed to pull image \\\"shop/web:v9\\\": manifest unknown\\nError: ImagePullBackOff\"}],\"root_cause\":\"tag does not exist\",\"root_cause_keywords\":[\"tag\"],\"fix_keywords\":[\"image\"]}"));
        Path out = dir.resolve("eval");
        Cli r = Cli.run("eval", "--scenarios", scenarios.toString(), "--out", out.toString());
        assertEquals(0, r.exit, r.toString());
        var lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(2, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = json.readTree(l);
            for (String f : new String[] {"id", "category", "root_cause", "remediation", "confidence", "pathway", "latency_ms"}) {
                assertTrue(n.has(f), f + " in " + l);
            }
            assertTrue(n.get("root_cause").asText().length() <= 300);
        }
        JsonNode s = json.readTree(out.resolve("summary.json").toFile());
        for (String f : new String[] {"category_accuracy", "root_cause_keyword_hit_rate", "fix_keyword_hit_rate",
            "per_category", "latency_ms", "pathway_share"}) {
            assertTrue(s.has(f), f + " in " + s);
        }
        assertTrue(s.get("latency_ms").has("p50") && s.get("latency_ms").has("p95"));
        assertFalse(s.has("judge"), "no --judge, no judge section");
        assertFalse(Files.readString(out.resolve("report.html")).contains("judge-table"));
    }

    @Test
    void aScenarioLineMissingAFieldNamesTheLine() throws IOException {
        Path scenarios = write("bad.jsonl", "{\"id\":\"s1\",\"category\":\"resource\",\"symptoms\":\"x\",\"evidence\":\"y\",\"root_cause\":\"z\",\"root_cause_keywords\":[],\"fix_keywords\":[]}\n"
                + "{\"id\":\"s2\",\"category\":\"resource\",\"symptoms\":\"x\",\"evidence\":\"y\",\"root_cause_keywords\":[],\"fix_keywords\":[]}\n");
        Cli r = Cli.run("eval", "--scenarios", scenarios.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("bad.jsonl:2") && r.err.contains("root_cause"), r.err);
    }
}
