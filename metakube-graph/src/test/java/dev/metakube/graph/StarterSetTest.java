package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.RemediationStep;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analytical pathway alone (evidence analysis + graph search, no memory) on the starter scenario set. A
 * scenario counts as right when the top chain's category is the scenario's and at least half of its
 * root_cause_keywords appear in the chain's root cause, path or remediation text. Writes the per-category figures
 * to {@code target/starter-analytical.txt}.
 */
class StarterSetTest {
    static final Path STARTER = Path.of("../benchmarks/scenarios/starter.jsonl");
    /** The share of scenarios the analytical pathway must get right. */
    static final double REQUIRED = 0.85;

    record Result(String id, Category category, boolean categoryRight, double keywordShare, boolean right,
                  String top) {
    }

    @Test
    void analyticalPathwayNamesTheRightRootCause() throws IOException {
        assertTrue(Files.exists(STARTER), "the starter set " + STARTER.toAbsolutePath() + " is missing");
        ObjectMapper json = new ObjectMapper();
        List<Result> results = new ArrayList<>();
        try (CausalGraph graph = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            int line = 0;
            for (String l : Files.readAllLines(STARTER, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode s = json.readTree(l);
                Incident incident = incident(s, line);
                EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
                List<CausalChain> chains = graph.explore(new Exploration(a.signals(), List.of(), 3, 5));
                Category want = Category.parse(s.path("category").asText());
                List<String> keywords = new ArrayList<>();
                s.path("root_cause_keywords").forEach(k -> keywords.add(k.asText().toLowerCase(Locale.ROOT)));
                if (chains.isEmpty()) {
                    results.add(new Result(s.path("id").asText(), want, false, 0, false, "(no chain)"));
                    continue;
                }
                CausalChain top = chains.get(0);
                String text = text(top);
                long hits = keywords.stream().filter(text::contains).count();
                double share = keywords.isEmpty() ? 1.0 : (double) hits / keywords.size();
                boolean categoryRight = top.category() == want;
                results.add(new Result(s.path("id").asText(), want, categoryRight, share,
                        categoryRight && share >= 0.5, top.causeId()));
            }
        }
        String report = report(results);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/starter-analytical.txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        long right = results.stream().filter(Result::right).count();
        double accuracy = (double) right / results.size();
        assertTrue(results.size() >= 6, "the starter set has too few scenarios: " + results.size());
        assertTrue(accuracy >= REQUIRED, String.format(Locale.ROOT,
                "analytical pathway right on %.1f%% of %d scenarios, required %.0f%%%n%s", 100 * accuracy,
                results.size(), 100 * REQUIRED, report));
    }

    private static String text(CausalChain c) {
        StringBuilder b = new StringBuilder(c.rootCause()).append('\n');
        c.path().forEach(p -> b.append(p).append('\n'));
        for (RemediationStep r : c.remediation()) {
            b.append(r.action()).append('\n').append(r.command()).append('\n');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    static Incident incident(JsonNode s, int line) {
        List<Evidence> evidence = new ArrayList<>();
        JsonNode ev = s.path("evidence");
        if (ev.isTextual()) {
            evidence.add(Evidence.text(ev.asText()));
        } else {
            for (JsonNode e : ev) {
                if (e.isTextual()) {
                    evidence.add(Evidence.text(e.asText()));
                } else {
                    evidence.add(new Evidence(EvidenceKind.parse(e.path("kind").asText("")),
                            e.path("source").asText(""), e.path("text").asText("")));
                }
            }
        }
        JsonNode c = s.path("context");
        Map<String, String> labels = new HashMap<>();
        c.path("labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        ClusterContext ctx = new ClusterContext(c.path("namespace").asText(""), c.path("kind").asText(""),
                c.path("name").asText(""), c.path("kubernetesVersion").asText(""), labels);
        return new Incident(s.path("id").asText("line-" + line), s.path("symptoms").asText(""), evidence, ctx, null);
    }

    private static String report(List<Result> results) {
        Map<Category, int[]> per = new EnumMap<>(Category.class);
        for (Result r : results) {
            int[] n = per.computeIfAbsent(r.category(), k -> new int[3]);
            n[0]++;
            n[1] += r.categoryRight() ? 1 : 0;
            n[2] += r.right() ? 1 : 0;
        }
        StringBuilder b = new StringBuilder("analytical pathway alone on " + STARTER.getFileName() + ", "
                + results.size() + " scenarios\n");
        b.append(String.format(Locale.ROOT, "%-14s %5s %9s %11s%n", "category", "n", "category", "root cause"));
        int[] total = new int[3];
        for (Map.Entry<Category, int[]> e : per.entrySet()) {
            int[] n = e.getValue();
            b.append(String.format(Locale.ROOT, "%-14s %5d %8.1f%% %10.1f%%%n", e.getKey().label(), n[0],
                    100.0 * n[1] / n[0], 100.0 * n[2] / n[0]));
            for (int i = 0; i < 3; i++) {
                total[i] += n[i];
            }
        }
        b.append(String.format(Locale.ROOT, "%-14s %5d %8.1f%% %10.1f%%%n", "all", total[0],
                100.0 * total[1] / total[0], 100.0 * total[2] / total[0]));
        for (Result r : results) {
            if (!r.right()) {
                b.append(String.format(Locale.ROOT, "  missed %s (%s): top %s, keywords %.0f%%%n", r.id(),
                        r.category().label(), r.top(), 100 * r.keywordShare()));
            }
        }
        return b.toString();
    }
}
