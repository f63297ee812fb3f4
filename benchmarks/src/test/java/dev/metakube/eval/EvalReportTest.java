package dev.metakube.eval;

import static dev.metakube.eval.Results.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class EvalReportTest {
    static List<ScenarioResult> sample(long seed, int n, double skill) {
        Random r = new Random(seed);
        List<ScenarioResult> rs = new ArrayList<>();
        Category[] cats = Category.values();
        for (int i = 0; i < n; i++) {
            boolean intuitive = r.nextDouble() < (double) i / n;
            double conf = r.nextDouble();
            boolean hit = r.nextDouble() < skill * (0.5 + 0.5 * conf);
            rs.add(result(i, cats[i % cats.length], cats[i % cats.length].label() + "/f" + (i % 4), hit, conf,
                    intuitive ? Pathway.INTUITIVE : Pathway.ANALYTICAL, intuitive ? 2 + r.nextDouble() : 20
                            + 30 * r.nextDouble()));
        }
        return rs;
    }

    static EvalRun run(String name, boolean learn, Ablation a, double skill) {
        return new EvalRun(name, learn, a, sample(7, 300, skill), 12.5);
    }

    @Test
    void reportIsOnePageWithWellFormedChartsAndNothingFetched() throws Exception {
        EvalRun main = run("learning", true, Ablation.NONE, 0.9);
        List<EvalRun> others = List.of(run("frozen", false, Ablation.NONE, 0.7),
                run("learning, no graph", true, Ablation.GRAPH, 0.5));
        String html = EvalReport.html("generated <1873>.jsonl", main, others);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("generated &lt;1873&gt;.jsonl"), "text is escaped");
        for (String id : List.of("learning-curve", "per-category", "reliability", "latency", "ablation-chart")) {
            assertTrue(html.contains("<svg id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("id=\"ablation-table\""));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.contains(" src="), "nothing loaded");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no URL but the SVG namespace");

        int svgs = 0;
        int at = 0;
        while ((at = html.indexOf("<svg", at)) >= 0) {
            int end = html.indexOf("</svg>", at) + "</svg>".length();
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(html.substring(at, end).getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getNodeName());
            at = end;
            svgs++;
        }
        assertEquals(5, svgs);
        // the learning curve has one line per run, the reliability diagram at least one bar
        String curve = html.substring(html.indexOf("<svg id=\"learning-curve\""));
        curve = curve.substring(0, curve.indexOf("</svg>"));
        assertEquals(3, curve.split("<polyline", -1).length - 1);
        assertTrue(html.contains("learning, no graph"));
    }

    @Test
    void summaryCarriesExtendedMetricsAndOneLinePerRun() {
        EvalRun main = run("frozen", false, Ablation.NONE, 0.8);
        Map<String, Object> m = EvalReport.summary(main, List.of(run("frozen, no memory", false, Ablation.MEMORY,
                0.4)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) m.get("runs");
        assertEquals(2, runs.size());
        assertEquals("no memory", runs.get(1).get("ablation"));
        assertTrue((double) runs.get(0).get("root_cause_hit_at_1") > (double) runs.get(1).get("root_cause_hit_at_1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ext = (Map<String, Object>) m.get("extended");
        for (String k : List.of("ece_15", "aurc", "pathways", "per_category", "learning_curve", "commands",
                "recurrence", "fix_hit")) {
            assertTrue(ext.containsKey(k), k);
        }
    }

    @Test
    void progressBarDrawsCountsAndFinishesTheLine() {
        java.io.StringWriter w = new java.io.StringWriter();
        ProgressBar bar = ProgressBar.always(new java.io.PrintWriter(w), 20);
        ProgressBar.stage(bar, "frozen", 0).accept(10);
        ProgressBar.stage(bar, "no graph", 10).accept(10);
        String s = w.toString();
        assertTrue(s.contains("20/20"), s);
        assertTrue(s.contains("no graph"), s);
        assertTrue(s.endsWith("\n") || s.endsWith(System.lineSeparator()), s);
    }
}
