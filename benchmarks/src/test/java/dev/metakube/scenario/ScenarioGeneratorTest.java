package dev.metakube.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {
    private static List<GeneratedScenario> paperSet;

    @BeforeAll
    static void generate() {
        paperSet = new ScenarioGenerator(7).generate(ScenarioGenerator.PAPER_TOTAL);
    }

    @Test
    void paperCountReproducesThePaperMix() {
        Map<Category, Integer> mix = ScenarioGenerator.mix(1873);
        assertEquals(412, mix.get(Category.RESOURCE));
        assertEquals(387, mix.get(Category.NETWORK));
        assertEquals(298, mix.get(Category.SCHEDULING));
        assertEquals(276, mix.get(Category.IMAGE));
        assertEquals(315, mix.get(Category.CONFIGURATION));
        assertEquals(185, mix.get(Category.SYSTEM));

        Map<Category, Integer> counted = new EnumMap<>(Category.class);
        // the mix counts faults by their share of the paper's table; a few are labelled by the incident taxonomy
        paperSet.forEach(s -> counted.merge(Category.parse(s.fault().substring(0, s.fault().indexOf('/'))), 1,
                Integer::sum));
        assertEquals(mix, counted);
        long relabelled = paperSet.stream().filter(s -> !s.fault().startsWith(s.category().label() + "/")).count();
        assertTrue(relabelled > 0 && relabelled < paperSet.size() / 10, "relabelled " + relabelled);
    }

    @Test
    void otherCountsAreProportionalAndAddUp() {
        for (int n : new int[] {0, 1, 7, 60, 100, 500, 999, 5000}) {
            Map<Category, Integer> mix = ScenarioGenerator.mix(n);
            assertEquals(n, mix.values().stream().mapToInt(Integer::intValue).sum(), "total for " + n);
            Map<Category, Integer> paper = ScenarioGenerator.mix(1873);
            for (Category c : Category.values()) {
                double exact = (double) n * paper.get(c) / 1873;
                assertTrue(Math.abs(mix.get(c) - exact) < 1.0, c + " for " + n + ": " + mix.get(c) + " vs " + exact);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        byte[] a = bytes(new ScenarioGenerator(42).generate(300));
        byte[] b = bytes(new ScenarioGenerator(42).generate(300));
        byte[] c = bytes(new ScenarioGenerator(43).generate(300));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void aPrefixOfALargerSetIsNotRequiredButIdsAreUniqueAndOrdered() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < paperSet.size(); i++) {
            assertEquals(String.format(Locale.ROOT, "gen-%05d", i + 1), paperSet.get(i).id());
            assertTrue(ids.add(paperSet.get(i).id()));
        }
    }

    @Test
    void symptomsNeverGiveTheRootCauseAway() {
        for (GeneratedScenario s : paperSet) {
            for (String k : s.rootCauseKeywords()) {
                assertFalse(containsWord(s.symptoms(), k),
                        s.id() + " (" + s.fault() + "): symptom names root-cause keyword '" + k + "': " + s.symptoms());
            }
            assertFalse(s.symptoms().toLowerCase(Locale.ROOT).contains("root cause"), s.id());
        }
    }

    @Test
    void evidenceNeverStatesTheRootCauseOutright() {
        for (GeneratedScenario s : paperSet) {
            String truth = s.rootCause().toLowerCase(Locale.ROOT);
            for (Evidence e : s.evidence()) {
                String text = e.text().toLowerCase(Locale.ROOT);
                assertFalse(text.contains(truth), s.id() + ": evidence contains the root cause statement");
                assertFalse(text.contains("root cause"), s.id() + ": evidence says 'root cause'");
                assertFalse(text.contains(s.fix().toLowerCase(Locale.ROOT)), s.id() + ": evidence contains the fix");
            }
        }
    }

    @Test
    void groundTruthIsConsistentWithItsKeywords() {
        for (GeneratedScenario s : paperSet) {
            assertFalse(s.rootCauseKeywords().isEmpty(), s.id());
            assertFalse(s.fixKeywords().isEmpty(), s.id());
            String cause = norm(s.rootCause());
            for (String k : s.rootCauseKeywords()) {
                assertTrue(cause.contains(norm(k)), s.fault() + ": root cause lacks its keyword '" + k + "': "
                        + s.rootCause());
            }
            String fix = norm(s.fix());
            assertTrue(s.fixKeywords().stream().anyMatch(k -> fix.contains(norm(k))),
                    s.fault() + ": fix contains none of " + s.fixKeywords() + ": " + s.fix());
            assertTrue(s.rootCause().length() <= 300, s.fault() + ": root cause longer than 300 characters");
            assertTrue(s.causalChain().size() >= 3, s.fault() + ": causal chain too short");
        }
    }

    @Test
    void faultsRecurInDifferentDressAcrossEveryFocusArea() {
        Map<String, Integer> perFault = new HashMap<>();
        Map<String, GeneratedScenario> first = new HashMap<>();
        for (GeneratedScenario s : paperSet) {
            perFault.merge(s.fault(), 1, Integer::sum);
            GeneratedScenario earlier = first.putIfAbsent(s.fault(), s);
            if (earlier != null && perFault.get(s.fault()) == 2) {
                assertNotEquals(earlier.symptoms() + earlier.evidence(), s.symptoms() + s.evidence(),
                        s.fault() + " recurred with identical text");
                assertNotEquals(earlier.context().name() + earlier.context().namespace(),
                        s.context().name() + s.context().namespace() + "x", s.fault());
            }
        }
        Map<Category, Integer> faultsPerCategory = new ScenarioGenerator(7).faultCounts();
        int total = faultsPerCategory.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(total, perFault.size(), "every fault of the catalogue appears");
        for (Map.Entry<Category, Integer> e : faultsPerCategory.entrySet()) {
            assertTrue(e.getValue() >= 10, e.getKey() + " has only " + e.getValue() + " faults");
        }
        // faults take turns within their category, so recurrence is balanced
        for (Category c : Category.values()) {
            int[] counts = perFault.entrySet().stream().filter(x -> x.getKey().startsWith(c.label() + "/"))
                    .mapToInt(Map.Entry::getValue).toArray();
            int min = java.util.Arrays.stream(counts).min().orElseThrow();
            int max = java.util.Arrays.stream(counts).max().orElseThrow();
            assertTrue(max - min <= 1, c + " recurrence unbalanced: " + min + ".." + max);
            assertTrue(min >= 10, c + ": a fault recurs only " + min + " times");
        }
        Set<String> areas = new HashSet<>();
        FaultCatalog catalog = FaultCatalog.bundled();
        for (Category c : Category.values()) {
            catalog.faults(c).forEach(f -> areas.add(c.label() + ":" + f.area()));
        }
        assertTrue(areas.size() >= 30, "focus areas covered: " + areas);
    }

    @Test
    void evidenceCarriesNoiseAndDistractors() {
        Pattern daysOld = Pattern.compile("(?m)^\\d+d\\d+h\\s+Warning");
        int withPodTable = 0;
        for (GeneratedScenario s : paperSet) {
            Evidence events = s.evidence().stream().filter(e -> e.kind() == EvidenceKind.EVENTS).findFirst()
                    .orElseThrow(() -> new AssertionError(s.id() + " has no events"));
            assertTrue(daysOld.matcher(events.text()).find(), s.id() + ": no stale warning among the events");
            assertTrue(events.text().contains("Normal"), s.id() + ": no routine events");
            assertTrue(s.evidence().size() >= 2, s.id());
            for (Evidence e : s.evidence()) {
                String podTable = "kubectl get pods -n " + s.context().namespace();
                if (e.kind() == EvidenceKind.STATUS && e.source().equals(podTable)) {
                    withPodTable++;
                    long unhealthy = e.text().lines().skip(1)
                            .filter(l -> !l.contains(s.context().name()) && !l.contains("Running")).count();
                    assertTrue(unhealthy >= 1, s.id() + ": pod table without a distractor");
                }
            }
        }
        assertTrue(withPodTable > paperSet.size() / 3, "pod tables: " + withPodTable);
    }

    @Test
    void linesAreSingleLineJsonWithTheScenarioFields() {
        String line = ScenarioJson.line(paperSet.get(0));
        assertFalse(line.contains("\n"));
        for (String field : List.of("\"id\"", "\"category\"", "\"symptoms\"", "\"context\"", "\"evidence\"",
                "\"root_cause\"", "\"root_cause_keywords\"", "\"fix_keywords\"", "\"causal_chain\"", "\"fix\"",
                "\"fault\"", "\"source\":\"generated\"", "\"kubernetesVersion\"", "\"labels\"")) {
            assertTrue(line.contains(field), field);
        }
    }

    private static byte[] bytes(List<GeneratedScenario> list) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScenarioJson.write(list, out);
        return out.toByteArray();
    }

    private static boolean containsWord(String text, String keyword) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(keyword) + "(?![\\w])", Pattern.CASE_INSENSITIVE)
                .matcher(text).find();
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ");
    }
}
