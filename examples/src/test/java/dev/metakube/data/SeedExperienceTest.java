package dev.metakube.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metakube.api.Category;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed experience (KFRD format) that seeds an empty memory and feeds {@code metakube export-sft}. */
class SeedExperienceTest {
    /** The focus areas of the paper's Table 3, per category. */
    static final Map<Category, List<String>> FOCUS = new LinkedHashMap<>();

    static {
        FOCUS.put(Category.parse("resource"), List.of("OOMKilled", "CPU throttling", "resource quotas",
                "PVC mounting failures", "memory leaks", "autoscaler misconfigurations"));
        FOCUS.put(Category.parse("network"), List.of("service discovery failures", "DNS resolution",
                "network policies", "ingress configuration", "load balancer issues", "CNI problems"));
        FOCUS.put(Category.parse("scheduling"), List.of("node affinity violations", "taint/toleration mismatches",
                "insufficient resources", "pod priority conflicts", "DaemonSet placement"));
        FOCUS.put(Category.parse("image"), List.of("ImagePullBackOff", "registry authentication", "rate limiting",
                "private registry access", "multi-arch compatibility", "layer corruption"));
        FOCUS.put(Category.parse("configuration"), List.of("ConfigMap/Secret mounting", "RBAC permissions",
                "admission webhooks", "environment variables", "Helm values", "operator configs"));
        FOCUS.put(Category.parse("system"), List.of("container runtime failures", "kubelet crashes", "etcd issues",
                "certificate expiration", "kernel panics", "filesystem corruption"));
    }

    private static List<JsonNode> records;

    @BeforeAll
    static void read() {
        records = DataFiles.jsonLines(DataFiles.SEED);
    }

    @Test
    void holdsAtLeast600CompleteRecords() throws Exception {
        assertTrue(records.size() >= 600, "records: " + records.size());
        assertTrue(Files.size(DataFiles.SEED) < 2L * 1024 * 1024, "the seed resource should stay under 2 MB");
        Set<String> ids = new HashSet<>();
        for (JsonNode r : records) {
            String id = DataFiles.text(r, "id", "record");
            assertTrue(id.matches("kfrd-\\d{4}"), id);
            assertTrue(ids.add(id), "duplicate id " + id);
            for (String f : List.of("category", "focus", "problem", "solution", "reasoning", "root_cause")) {
                DataFiles.text(r, f, id);
            }
            assertTrue(r.get("root_cause").asText().length() <= 300, id + ": root_cause over 300 characters");
            JsonNode ctx = r.get("context");
            assertTrue(ctx != null && ctx.isObject(), id + ": context");
            for (String f : List.of("namespace", "kind", "name", "kubernetesVersion")) {
                DataFiles.text(ctx, f, id + ".context");
            }
            assertTrue(ctx.get("kubernetesVersion").asText().matches("1\\.\\d+(\\.\\d+)?"), id);
            JsonNode attempts = r.get("attempts");
            assertTrue(attempts != null && attempts.isArray() && !attempts.isEmpty(), id + ": attempts");
            for (JsonNode a : attempts) {
                assertTrue(a.isTextual() && !a.asText().isBlank(), id + ": empty attempt");
            }
            assertTrue(r.get("solution").asText().contains("kubectl"), id + ": the solution names no kubectl command");
            assertEquals(9, r.size(), id + ": unexpected fields " + r.fieldNames());
        }
    }

    @Test
    void coversEveryCategoryAndFocusAreaOfTable3() {
        Map<String, Integer> perFocus = new TreeMap<>();
        Map<String, Category> focusCategory = new HashMap<>();
        FOCUS.forEach((c, fs) -> fs.forEach(f -> focusCategory.put(f, c)));
        for (JsonNode r : records) {
            String id = r.get("id").asText();
            Category c = Category.parse(r.get("category").asText());
            String focus = r.get("focus").asText();
            assertTrue(focusCategory.containsKey(focus), id + ": unknown focus area '" + focus + "'");
            assertEquals(focusCategory.get(focus), c, id + ": focus '" + focus + "' filed under the wrong category");
            perFocus.merge(focus, 1, Integer::sum);
        }
        assertEquals(focusCategory.keySet(), perFocus.keySet());
        perFocus.forEach((f, n) -> assertTrue(n >= 10, f + " has only " + n + " records"));
        assertEquals(Set.of(Category.values()), Set.copyOf(FOCUS.keySet()));
    }

    @Test
    void problemsAreDistinct() {
        Map<String, String> seen = new HashMap<>();
        for (JsonNode r : records) {
            String p = r.get("problem").asText().strip();
            String before = seen.put(p, r.get("id").asText());
            assertEquals(null, before, "same problem text in " + before + " and " + r.get("id").asText());
        }
    }

    @Test
    void sharesNoSentenceWithTheStarterScenarios() {
        Set<String> starter = new HashSet<>();
        for (JsonNode s : DataFiles.jsonLines(DataFiles.STARTER)) {
            starter.addAll(DataFiles.sentences(s.get("symptoms").asText()));
            starter.addAll(DataFiles.sentences(s.get("root_cause").asText()));
            starter.addAll(DataFiles.sentences(s.get("fix").asText()));
            for (JsonNode e : s.get("evidence")) {
                starter.addAll(DataFiles.sentences(e.get("text").asText()));
            }
        }
        assertFalse(starter.isEmpty());
        List<String> shared = new ArrayList<>();
        for (JsonNode r : records) {
            StringBuilder all = new StringBuilder();
            for (String f : List.of("problem", "solution", "reasoning", "root_cause")) {
                all.append(r.get(f).asText()).append('\n');
            }
            r.get("attempts").forEach(a -> all.append(a.asText()).append('\n'));
            for (String sentence : DataFiles.sentences(all.toString())) {
                if (starter.contains(sentence)) {
                    shared.add(r.get("id").asText() + ": " + sentence);
                }
            }
        }
        assertEquals(List.of(), shared);
    }

    @Test
    void sentenceSplittingFindsASharedSentenceRegardlessOfCaseAndSpacing() {
        Set<String> a = DataFiles.sentences("First line here.\nThe pod was killed by the kernel OOM killer. Short one.");
        Set<String> b = DataFiles.sentences("Other text entirely!  the POD was killed by  the kernel OOM killer");
        assertTrue(a.contains("the pod was killed by the kernel oom killer"), a.toString());
        assertTrue(b.contains("the pod was killed by the kernel oom killer"), b.toString());
        assertFalse(a.contains("short one"), "sentences under six words are not compared");
    }
}
