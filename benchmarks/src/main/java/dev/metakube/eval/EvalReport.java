package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation report: the extra {@code summary.json} sections and {@code report.html}, a single
 * self-contained page (inline CSS and SVG drawn by {@link Svg}, no script, nothing fetched) with the headline
 * figures, the learning curve, per-category accuracy, a reliability diagram, latency by pathway and the ablation
 * table.
 */
public final class EvalReport {
    private EvalReport() {
    }

    /**
     * The sections added to {@code summary.json}: {@code extended} (the main run's metrics of {@link Metrics})
     * and {@code runs} (one line of headline figures per run, the main run first).
     */
    public static Map<String, Object> summary(EvalRun main, List<EvalRun> others) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("extended", Metrics.extended(main.results()));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (EvalRun r : all(main, others)) {
            runs.add(headline(r));
        }
        m.put("runs", runs);
        return m;
    }

    static Map<String, Object> headline(EvalRun r) {
        List<ScenarioResult> rs = r.results();
        List<ScenarioResult> intuitive = Metrics.on(rs, Pathway.INTUITIVE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("mode", r.mode());
        m.put("ablation", r.ablation().label());
        m.put("scenarios", rs.size());
        m.putAll(Summary.metrics(rs));
        m.put("fix_hit", Metrics.fixHit(rs));
        m.put("ece_15", Metrics.ece(rs));
        m.put("aurc", Metrics.aurc(rs));
        m.put("intuitive_share", rs.isEmpty() ? 0.0 : (double) intuitive.size() / rs.size());
        m.put("intuitive_precision", Metrics.hitRate(intuitive));
        m.put("memory_candidate_hit", Metrics.memoryCandidateHit(rs));
        m.put("latency_p50_ms", Metrics.latency(rs, 0.50));
        m.put("latency_p95_ms", Metrics.latency(rs, 0.95));
        m.put("valid_command_share", Metrics.commands(rs).validShare());
        m.put("seconds", r.seconds());
        return m;
    }

    /** Writes {@code report.html}. */
    public static void writeHtml(Path file, String scenarioSource, EvalRun main, List<EvalRun> others)
            throws IOException {
        writeHtml(file, scenarioSource, main, others, null);
    }

    /** Writes {@code report.html} with the LLM-as-judge table when {@code judge} is not null. */
    public static void writeHtml(Path file, String scenarioSource, EvalRun main, List<EvalRun> others,
                                 JudgeEvaluation judge) throws IOException {
        Files.writeString(file, html(scenarioSource, main, others, judge), StandardCharsets.UTF_8);
    }

    static String html(String scenarioSource, EvalRun main, List<EvalRun> others) {
        return html(scenarioSource, main, others, null);
    }

    static String html(String scenarioSource, EvalRun main, List<EvalRun> others, JudgeEvaluation judge) {
        List<ScenarioResult> rs = main.results();
        Map<String, Object> h = headline(main);
        Metrics.CommandStats cmd = Metrics.commands(rs);
        Map<String, Object> rec = Metrics.firstVersusRepeat(rs);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>MetaKube evaluation: ").append(Svg.esc(scenarioSource)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#f8fafc;")
                .append("color:#111827}\nmain{max-width:1360px;margin:0 auto;padding:24px}\n")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}\n")
                .append(".sub{color:#6b7280;font-size:13px}\n")
                .append(".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;")
                .append("margin:18px 0}\n.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;")
                .append("padding:10px 12px}\n.card b{display:block;font-size:22px}.card span{color:#6b7280;")
                .append("font-size:12px}\n.charts{display:grid;")
                .append("grid-template-columns:repeat(auto-fit,minmax(560px,1fr));")
                .append("gap:14px}\n.chart{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px}\n")
                .append("svg{width:100%;height:auto;display:block}\n")
                .append("table{border-collapse:collapse;background:#fff;font-size:13px}\n")
                .append("th,td{border:1px solid #e5e7eb;padding:5px 9px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}\nth{background:#f1f5f9}\n")
                .append(".neg{color:#b91c1c}.pos{color:#15803d}\n</style></head><body><main>\n");
        b.append("<h1>MetaKube evaluation</h1>\n<div class=\"sub\">").append(Svg.esc(scenarioSource)).append(" · ")
                .append(rs.size()).append(" scenarios · ").append(main.mode()).append(" mode · ")
                .append(String.format(Locale.ROOT, "%.1f s", main.seconds()))
                .append(others.isEmpty() ? "" : " · " + others.size() + " more run(s) below")
                .append("</div>\n");

        b.append("<div class=\"cards\">\n");
        card(b, "category accuracy", pct(h.get("category_accuracy")));
        card(b, "root-cause hit@1", pct(h.get("root_cause_hit_at_1")));
        card(b, "fix hit", pct(h.get("fix_hit")));
        card(b, "ECE (15 bins)", num(h.get("ece_15"), 3));
        card(b, "AURC", num(h.get("aurc"), 3));
        card(b, "intuitive share", pct(h.get("intuitive_share")));
        card(b, "intuitive precision", pct(h.get("intuitive_precision")));
        card(b, "latency p50 / p95", num(h.get("latency_p50_ms"), 1) + " / " + num(h.get("latency_p95_ms"), 1)
                + " ms");
        card(b, "valid kubectl commands", pct(cmd.validShare()) + " of " + cmd.commands());
        card(b, "first sighting → repeat", pct(rec.get("first_hit_at_1")) + " → "
                + pct(rec.get("repeat_hit_at_1")));
        if (judge != null) {
            JudgeRuns.Dimension o = judge.runs().dimension("overall");
            card(b, "judge overall (0-10)", num(o.mean(), 2) + " ± " + num(o.spread(), 2));
        }
        b.append("</div>\n<div class=\"charts\">\n");

        int window = Metrics.defaultWindow(rs.size());
        List<Svg.Series> curves = new ArrayList<>();
        double xMax = 1;
        for (EvalRun r : all(main, others)) {
            List<double[]> pts = new ArrayList<>();
            for (Metrics.CurvePoint p : Metrics.learningCurve(r.results(), window)) {
                pts.add(new double[] {p.seen(), p.accuracy()});
            }
            xMax = Math.max(xMax, r.results().size());
            curves.add(new Svg.Series(r.name(), pts));
        }
        chart(b, Svg.lineChart("learning-curve", "Learning curve: root-cause hit@1 over the last " + window
                + " scenarios", curves, "scenarios seen", "hit@1 (sliding window)", xMax, 1));

        List<String> cats = new ArrayList<>();
        List<double[]> catValues = new ArrayList<>();
        for (Category c : Category.values()) {
            List<ScenarioResult> in = rs.stream().filter(r -> r.scenario().category() == c).toList();
            if (!in.isEmpty()) {
                cats.add(c.label());
                Map<String, Object> m = Summary.metrics(in);
                catValues.add(new double[] {(double) m.get("category_accuracy"), (double) m.get("root_cause_hit_at_1"),
                    Metrics.fixHit(in)});
            }
        }
        double[][] byMetric = new double[3][cats.size()];
        for (int g = 0; g < cats.size(); g++) {
            for (int s = 0; s < 3; s++) {
                byMetric[s][g] = catValues.get(g)[s];
            }
        }
        chart(b, Svg.groupedBars("per-category", "Per-category accuracy (" + main.name() + ")", cats,
                List.of("category", "root cause hit@1", "fix hit"), byMetric, "share", 1, Svg::pct));

        chart(b, Svg.reliability("reliability", "Reliability diagram (15 bins, ECE " + num(h.get("ece_15"), 3) + ")",
                Metrics.reliability(rs), rs.size()));

        List<String> paths = List.of("intuitive", "analytical", "all");
        List<List<ScenarioResult>> lists = List.of(Metrics.on(rs, Pathway.INTUITIVE),
                Metrics.on(rs, Pathway.ANALYTICAL), rs);
        double[][] lat = new double[2][3];
        for (int g = 0; g < 3; g++) {
            lat[0][g] = Metrics.latency(lists.get(g), 0.50);
            lat[1][g] = Metrics.latency(lists.get(g), 0.95);
        }
        double latMax = Svg.niceMax(Math.max(lat[1][0], Math.max(lat[1][1], lat[1][2])));
        chart(b, Svg.groupedBars("latency", "Latency by pathway (ms; n = " + lists.get(0).size() + " intuitive, "
                + lists.get(1).size() + " analytical)", paths, List.of("p50", "p95"), lat, "milliseconds", latMax,
                v -> Svg.fmt(v, v < 10 ? 1 : 0)));

        List<EvalRun> runs = all(main, others);
        List<String> runNames = runs.stream().map(EvalRun::name).toList();
        double[][] runHits = new double[2][runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> m = headline(runs.get(i));
            runHits[0][i] = (double) m.get("root_cause_hit_at_1");
            runHits[1][i] = (double) m.get("category_accuracy");
        }
        chart(b, Svg.groupedBars("ablation-chart", "Runs and ablations", runNames,
                List.of("root cause hit@1", "category accuracy"), runHits, "share", 1, Svg::pct));
        b.append("</div>\n");

        b.append("<h2>Runs and ablations</h2>\n");
        if (others.isEmpty()) {
            b.append("<p class=\"sub\">Only the main run was made; <code>metakube eval --ablations</code> adds runs"
                    + " without memory, graph, learning and model.</p>\n");
        }
        ablationTable(b, main, others);
        if (judge != null) {
            judgeTable(b, judge);
        }

        b.append("<h2>Per category (").append(Svg.esc(main.name())).append(")</h2>\n<table><tr><th>category</th>")
                .append("<th>scenarios</th><th>category acc.</th><th>hit@1</th><th>fix hit</th><th>ECE</th>")
                .append("<th>intuitive share</th></tr>\n");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perCat = (Map<String, Map<String, Object>>) (Map<?, ?>) Metrics
                .extended(rs).get("per_category");
        perCat.forEach((c, m) -> b.append("<tr><td>").append(c).append("</td><td>").append(m.get("scenarios"))
                .append("</td><td>").append(pct(m.get("category_accuracy"))).append("</td><td>")
                .append(pct(m.get("root_cause_hit_at_1"))).append("</td><td>").append(pct(m.get("fix_hit")))
                .append("</td><td>").append(num(m.get("ece_15"), 3)).append("</td><td>")
                .append(pct(m.get("intuitive_share"))).append("</td></tr>\n"));
        b.append("</table>\n");

        b.append("<h2>Remediation commands</h2>\n<p class=\"sub\">").append(cmd.commands())
                .append(" kubectl commands in the remediations; ").append(cmd.valid())
                .append(" parse with a known verb, resource kind and flags (").append(pct(cmd.validShare()))
                .append("); ").append(cmd.destructive()).append(" destructive, of which ")
                .append(cmd.destructiveUnflagged()).append(" not marked destructive by the diagnosis.</p>\n");
        b.append("</main></body></html>\n");
        return b.toString();
    }

    private static void ablationTable(StringBuilder b, EvalRun main, List<EvalRun> others) {
        b.append("<table id=\"ablation-table\"><tr><th>run</th><th>scenarios</th><th>category acc.</th>")
                .append("<th>hit@1</th><th>Δ hit@1</th><th>fix hit</th><th>ECE</th><th>AURC</th>")
                .append("<th>intuitive share</th><th>intuitive precision</th><th>p50 ms</th><th>p95 ms</th>")
                .append("<th>valid cmds</th><th>seconds</th></tr>\n");
        double base = Metrics.hitRate(main.results());
        for (EvalRun r : all(main, others)) {
            Map<String, Object> m = headline(r);
            double delta = (double) m.get("root_cause_hit_at_1") - base;
            String cls = delta < -0.0005 ? "neg" : delta > 0.0005 ? "pos" : "";
            b.append("<tr><td>").append(Svg.esc(r.name())).append("</td><td>").append(m.get("scenarios"))
                    .append("</td><td>").append(pct(m.get("category_accuracy"))).append("</td><td>")
                    .append(pct(m.get("root_cause_hit_at_1"))).append("</td><td class=\"").append(cls).append("\">")
                    .append(r == main ? "" : String.format(Locale.ROOT, "%+.1f pt", 100 * delta)).append("</td><td>")
                    .append(pct(m.get("fix_hit"))).append("</td><td>").append(num(m.get("ece_15"), 3))
                    .append("</td><td>").append(num(m.get("aurc"), 3)).append("</td><td>")
                    .append(pct(m.get("intuitive_share"))).append("</td><td>").append(pct(m.get("intuitive_precision")))
                    .append("</td><td>").append(num(m.get("latency_p50_ms"), 1)).append("</td><td>")
                    .append(num(m.get("latency_p95_ms"), 1)).append("</td><td>")
                    .append(pct(m.get("valid_command_share"))).append("</td><td>").append(num(m.get("seconds"), 1))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** How each judge dimension is weighted (appendix A.4), in the order of {@link JudgeRuns#NAMES}. */
    private static final List<String> JUDGE_WEIGHTS = List.of(
            "0.4 root cause + 0.3 resolution + 0.3 prevention",
            "0.5 alignment + 0.5 method",
            "0.3 steps + 0.3 commands + 0.4 edge cases",
            "0.5 correctness + 0.5 best practice",
            "mean of the four");

    private static void judgeTable(StringBuilder b, JudgeEvaluation judge) {
        JudgeRuns runs = judge.runs();
        b.append("<h2>LLM-as-judge (appendix A.4)</h2>\n<p class=\"sub\">").append(Svg.esc(judge.model()))
                .append(" graded ").append(runs.cases()).append(" of ").append(judge.sampledFrom())
                .append(" diagnoses (an evenly spaced sample), ").append(runs.runs()).append(runs.runs() == 1
                        ? " run" : " runs").append("; scores 0-10, mean over runs ± sample standard deviation of"
                        + " the per-run means (")
                .append(String.format(Locale.ROOT, "%.1f s", judge.seconds())).append(").</p>\n")
                .append("<table id=\"judge-table\"><tr><th>dimension</th><th>weights</th><th>mean</th>")
                .append("<th>spread</th></tr>\n");
        for (int i = 0; i < JudgeRuns.NAMES.size(); i++) {
            JudgeRuns.Dimension d = runs.dimension(JudgeRuns.NAMES.get(i));
            b.append("<tr><td>").append(d.name()).append("</td><td>").append(JUDGE_WEIGHTS.get(i)).append("</td><td>")
                    .append(num(d.mean(), 2)).append("</td><td>± ").append(num(d.spread(), 2)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static List<EvalRun> all(EvalRun main, List<EvalRun> others) {
        List<EvalRun> all = new ArrayList<>();
        all.add(main);
        all.addAll(others);
        return all;
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><b>").append(Svg.esc(value)).append("</b><span>").append(Svg.esc(label))
                .append("</span></div>\n");
    }

    private static void chart(StringBuilder b, String svg) {
        b.append("<div class=\"chart\">\n").append(svg).append("</div>\n");
    }

    private static String pct(Object v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) v).doubleValue());
    }

    private static String num(Object v, int decimals) {
        return Svg.fmt(((Number) v).doubleValue(), decimals);
    }
}
