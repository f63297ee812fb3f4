package dev.metakube.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metakube.api.Category;
import dev.metakube.api.EvidenceKind;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written starter scenario set in {@code benchmarks/scenarios/starter.jsonl}. */
class StarterScenariosTest {
    private static List<JsonNode> lines;

    @BeforeAll
    static void read() {
        lines = DataFiles.jsonLines(DataFiles.STARTER);
    }

    @Test
    void readsAsScenariosWithAtLeastTenPerCategory() {
        List<Scenario> scenarios = ScenarioFiles.read(DataFiles.STARTER);
        assertEquals(lines.size(), scenarios.size());
        assertTrue(scenarios.size() >= 60, "scenarios: " + scenarios.size());
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        scenarios.forEach(s -> perCategory.merge(s.category(), 1, Integer::sum));
        for (Category c : Category.values()) {
            assertTrue(perCategory.getOrDefault(c, 0) >= 10, c + " has " + perCategory.get(c));
        }
    }

    @Test
    void everyFieldIsPresentAndIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (JsonNode s : lines) {
            String id = DataFiles.text(s, "id", "scenario");
            assertTrue(ids.add(id), "duplicate id " + id);
            for (String f : List.of("category", "symptoms", "root_cause", "fix", "fault")) {
                DataFiles.text(s, f, id);
            }
            assertEquals("starter", DataFiles.text(s, "source", id));
            assertTrue(s.get("root_cause").asText().length() <= 300, id + ": root_cause over 300 characters");
            JsonNode ctx = s.get("context");
            for (String f : List.of("namespace", "kind", "name", "kubernetesVersion")) {
                DataFiles.text(ctx, f, id + ".context");
            }
            assertTrue(ctx.get("labels").isObject(), id + ": context.labels");
            JsonNode evidence = s.get("evidence");
            assertTrue(evidence.isArray() && evidence.size() >= 2, id + ": at least two pieces of evidence");
            for (JsonNode e : evidence) {
                EvidenceKind.parse(DataFiles.text(e, "kind", id + ".evidence"));
                DataFiles.text(e, "source", id + ".evidence");
                DataFiles.text(e, "text", id + ".evidence");
            }
            keywords(s, "root_cause_keywords", id);
            keywords(s, "fix_keywords", id);
        }
    }

    @Test
    void symptomsDoNotGiveTheRootCauseAwayAndTheReferencesMeetTheirKeywords() {
        for (JsonNode s : lines) {
            String id = s.get("id").asText();
            String symptoms = s.get("symptoms").asText().toLowerCase(Locale.ROOT);
            String cause = s.get("root_cause").asText().toLowerCase(Locale.ROOT);
            for (JsonNode k : s.get("root_cause_keywords")) {
                assertFalse(symptoms.contains(k.asText()), id + ": the symptoms contain the keyword '" + k.asText() + "'");
                // The reference statement itself must satisfy the keywords it is scored with.
                assertTrue(cause.contains(k.asText()), id + ": root_cause lacks its own keyword '" + k.asText() + "'");
            }
            String fix = s.get("fix").asText().toLowerCase(Locale.ROOT);
            for (JsonNode k : s.get("fix_keywords")) {
                assertTrue(fix.contains(k.asText()), id + ": fix lacks its own keyword '" + k.asText() + "'");
            }
        }
    }

    @Test
    void evidenceCarriesTheSignalNotJustTheSymptom() {
        int withDistractor = 0;
        for (JsonNode s : lines) {
            StringBuilder evidence = new StringBuilder();
            s.get("evidence").forEach(e -> evidence.append(e.get("text").asText()).append('\n'));
            String text = evidence.toString().toLowerCase(Locale.ROOT);
            long found = 0;
            for (JsonNode k : s.get("root_cause_keywords")) {
                String kw = k.asText();
                if (text.contains(kw) || text.contains(kw.replace(" ", ""))) {
                    found++;
                }
            }
            assertTrue(found >= 1, s.get("id").asText() + ": no root-cause keyword appears anywhere in the evidence");
            if (s.get("evidence").size() >= 3) {
                withDistractor++;
            }
        }
        assertTrue(withDistractor >= lines.size() / 2, "most scenarios should carry more than the minimum evidence");
    }

    private static void keywords(JsonNode s, String field, String id) {
        JsonNode k = s.get(field);
        assertTrue(k != null && k.isArray() && k.size() >= 2 && k.size() <= 4, id + ": " + field + " holds 2-4 entries");
        for (JsonNode w : k) {
            String t = w.asText();
            assertFalse(t.isBlank(), id + ": blank keyword in " + field);
            assertEquals(t.toLowerCase(Locale.ROOT), t, id + ": keywords are lower case");
        }
    }
}
