package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregate metrics of an evaluation run, as a JSON-ready map. */
public final class Summary {
    private Summary() {
    }

    public static Map<String, Object> of(List<ScenarioResult> results, boolean learn, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenarios", results.size());
        m.put("mode", learn ? "learning" : "frozen");
        m.putAll(metrics(results));
        Map<String, Object> perCategory = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            List<ScenarioResult> in = new ArrayList<>();
            for (ScenarioResult r : results) {
                if (r.scenario().category() == c) {
                    in.add(r);
                }
            }
            if (!in.isEmpty()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("scenarios", in.size());
                cm.putAll(metrics(in));
                perCategory.put(c.label(), cm);
            }
        }
        m.put("per_category", perCategory);
        List<Double> latencies = new ArrayList<>();
        long intuitive = 0;
        for (ScenarioResult r : results) {
            latencies.add(r.latencyMillis());
            if (r.diagnosis().pathway() == Pathway.INTUITIVE) {
                intuitive++;
            }
        }
        Collections.sort(latencies);
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", percentile(latencies, 0.50));
        lat.put("p95", percentile(latencies, 0.95));
        m.put("latency_ms", lat);
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("intuitive", results.isEmpty() ? 0.0 : (double) intuitive / results.size());
        share.put("analytical", results.isEmpty() ? 0.0 : (double) (results.size() - intuitive) / results.size());
        m.put("pathway_share", share);
        m.put("seconds", seconds);
        return m;
    }

    static Map<String, Object> metrics(List<ScenarioResult> rs) {
        double cat = 0;
        double rck = 0;
        double hit = 0;
        double fix = 0;
        for (ScenarioResult r : rs) {
            cat += r.categoryCorrect() ? 1 : 0;
            rck += r.rootCauseKeywords();
            hit += r.rootCauseHit() ? 1 : 0;
            fix += r.fixKeywords();
        }
        int n = Math.max(1, rs.size());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category_accuracy", cat / n);
        m.put("root_cause_keyword_hit_rate", rck / n);
        m.put("root_cause_hit_at_1", hit / n);
        m.put("fix_keyword_hit_rate", fix / n);
        return m;
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
