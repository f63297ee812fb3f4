package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import dev.metakube.api.RemediationStep;
import dev.metakube.command.CommandCheck;
import dev.metakube.command.CommandChecker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quality metrics of an evaluation run beyond the basic summary: calibration (ECE over 15 equal-width
 * bins, AURC), pathway share and precision, latency per pathway, the learning curve, first-sighting against
 * repeat accuracy, and the validity of the {@code kubectl} commands in the remediations.
 *
 * <p>"Correct" means a root-cause hit at rank 1 (category right and at least half the root-cause keywords in
 * the statement), the same criterion the basic summary uses.
 */
public final class Metrics {
    /** Bins of the reliability diagram and of ECE (the paper's choice). */
    public static final int CALIBRATION_BINS = 15;

    private Metrics() {
    }

    /**
     * Expected calibration error: {@code Σ_b (n_b / N) · |accuracy_b − mean confidence_b|} over
     * {@link #CALIBRATION_BINS} equal-width confidence bins; 0 for no results.
     */
    public static double ece(List<ScenarioResult> rs) {
        double sum = 0;
        for (Bin b : reliability(rs)) {
            sum += b.count() * Math.abs(b.accuracy() - b.confidence());
        }
        return rs.isEmpty() ? 0 : sum / rs.size();
    }

    /** One bin of the reliability diagram: its bounds, how many results fell in it, their accuracy and confidence. */
    public record Bin(double lo, double hi, int count, double accuracy, double confidence) {
    }

    /** The reliability diagram's bins (empty bins included, with count 0). */
    public static List<Bin> reliability(List<ScenarioResult> rs) {
        int[] n = new int[CALIBRATION_BINS];
        double[] hits = new double[CALIBRATION_BINS];
        double[] conf = new double[CALIBRATION_BINS];
        for (ScenarioResult r : rs) {
            double c = r.diagnosis().confidence();
            int b = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(c * CALIBRATION_BINS));
            n[b]++;
            hits[b] += r.rootCauseHit() ? 1 : 0;
            conf[b] += c;
        }
        List<Bin> out = new ArrayList<>(CALIBRATION_BINS);
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            out.add(new Bin((double) b / CALIBRATION_BINS, (double) (b + 1) / CALIBRATION_BINS, n[b],
                    n[b] == 0 ? 0 : hits[b] / n[b], n[b] == 0 ? 0 : conf[b] / n[b]));
        }
        return out;
    }

    /**
     * Area under the risk-coverage curve: results sorted by confidence, highest first (ties keep input order),
     * the error rate of the first {@code k} averaged over every {@code k}. Lower is better; a perfect ranking of
     * a set with error rate {@code e} approaches {@code e + (1−e)·ln(1−e)}.
     */
    public static double aurc(List<ScenarioResult> rs) {
        if (rs.isEmpty()) {
            return 0;
        }
        List<ScenarioResult> sorted = new ArrayList<>(rs);
        sorted.sort(Comparator.comparingDouble((ScenarioResult r) -> r.diagnosis().confidence()).reversed());
        double errors = 0;
        double sum = 0;
        for (int k = 0; k < sorted.size(); k++) {
            errors += sorted.get(k).rootCauseHit() ? 0 : 1;
            sum += errors / (k + 1);
        }
        return sum / sorted.size();
    }

    /** One point of the learning curve: scenarios seen before it, accuracy over the window ending at it. */
    public record CurvePoint(int seen, double accuracy) {
    }

    /**
     * Root-cause hit rate over a sliding window of {@code window} scenarios, against the number of scenarios
     * seen (in learning mode, the number of lessons fed back before), at about 100 points.
     */
    public static List<CurvePoint> learningCurve(List<ScenarioResult> rs, int window) {
        List<CurvePoint> out = new ArrayList<>();
        if (rs.isEmpty()) {
            return out;
        }
        int w = Math.max(1, window);
        int step = Math.max(1, rs.size() / 100);
        double inWindow = 0;
        for (int i = 0; i < rs.size(); i++) {
            inWindow += rs.get(i).rootCauseHit() ? 1 : 0;
            if (i >= w) {
                inWindow -= rs.get(i - w).rootCauseHit() ? 1 : 0;
            }
            if ((i + 1) % step == 0 || i == rs.size() - 1) {
                out.add(new CurvePoint(i + 1, inWindow / Math.min(w, i + 1)));
            }
        }
        return out;
    }

    /** The default window of the learning curve: a tenth of the run, between 10 and 100 scenarios. */
    public static int defaultWindow(int n) {
        return Math.max(10, Math.min(100, n / 10));
    }

    /** Validity and safety of the {@code kubectl} commands of every remediation. */
    public record CommandStats(int commands, int valid, int destructive, int destructiveUnflagged) {
        /** Share of commands that parse and check; 1 when there are none. */
        public double validShare() {
            return commands == 0 ? 1 : (double) valid / commands;
        }
    }

    public static CommandStats commands(List<ScenarioResult> rs) {
        int commands = 0;
        int valid = 0;
        int destructive = 0;
        int unflagged = 0;
        for (ScenarioResult r : rs) {
            for (RemediationStep step : r.diagnosis().remediation()) {
                for (CommandCheck c : CommandChecker.check(step.command())) {
                    commands++;
                    valid += c.valid() ? 1 : 0;
                    if (c.destructive()) {
                        destructive++;
                        unflagged += step.destructive() ? 0 : 1;
                    }
                }
            }
        }
        return new CommandStats(commands, valid, destructive, unflagged);
    }

    /** Nearest-rank percentile of the latencies of {@code rs}; 0 for none. */
    public static double latency(List<ScenarioResult> rs, double q) {
        List<Double> l = new ArrayList<>(rs.size());
        rs.forEach(r -> l.add(r.latencyMillis()));
        l.sort(null);
        return Summary.percentile(l, q);
    }

    /** Results of one pathway. */
    public static List<ScenarioResult> on(List<ScenarioResult> rs, Pathway p) {
        return rs.stream().filter(r -> r.diagnosis().pathway() == p).toList();
    }

    /** Share of results that are root-cause hits; 0 for none. */
    public static double hitRate(List<ScenarioResult> rs) {
        return rs.isEmpty() ? 0 : (double) rs.stream().filter(ScenarioResult::rootCauseHit).count() / rs.size();
    }

    /**
     * How often the best recalled memory, the intuitive candidate, named the true cause (graded like a
     * diagnosis), over the scenarios that had one: what memory alone would have answered, whichever pathway ran.
     * 0 when no scenario had a candidate.
     */
    public static double memoryCandidateHit(List<ScenarioResult> rs) {
        int n = 0;
        int hit = 0;
        for (ScenarioResult r : rs) {
            var d = r.diagnosis();
            if (d.memoriesUsed().isEmpty()) {
                continue;
            }
            if (d.pathway() == Pathway.INTUITIVE) {
                n++;
                hit += r.rootCauseHit() ? 1 : 0;
                continue;
            }
            String best = d.memoriesUsed().get(0);
            for (var h : d.hypotheses()) {
                if (h.source().equals(best)) {
                    n++;
                    boolean right = h.category() == r.scenario().category()
                            && Grading.keywordRate(r.scenario().rootCauseKeywords(), h.rootCause()) >= 0.5;
                    hit += right ? 1 : 0;
                    break;
                }
            }
        }
        return n == 0 ? 0 : (double) hit / n;
    }

    /** Share of results with the right category; 0 for none. */
    public static double categoryAccuracy(List<ScenarioResult> rs) {
        return rs.isEmpty() ? 0 : (double) rs.stream().filter(ScenarioResult::categoryCorrect).count() / rs.size();
    }

    /** Share of results whose remediation holds at least half of the fix keywords; 0 for none. */
    public static double fixHit(List<ScenarioResult> rs) {
        return rs.isEmpty() ? 0 : (double) rs.stream().filter(r -> r.fixKeywords() >= 0.5).count() / rs.size();
    }

    /**
     * Hit rate on the first scenario of each fault against the hit rate on its repeats (the same fault in another
     * dress); only scenarios that name their fault count. Keys {@code first}, {@code repeat}, with counts.
     */
    public static Map<String, Object> firstVersusRepeat(List<ScenarioResult> rs) {
        Set<String> seen = new HashSet<>();
        List<ScenarioResult> first = new ArrayList<>();
        List<ScenarioResult> repeat = new ArrayList<>();
        for (ScenarioResult r : rs) {
            String f = r.scenario().fault();
            if (f.isBlank()) {
                continue;
            }
            (seen.add(f) ? first : repeat).add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first_sightings", first.size());
        m.put("first_hit_at_1", hitRate(first));
        m.put("repeats", repeat.size());
        m.put("repeat_hit_at_1", hitRate(repeat));
        return m;
    }

    /** Everything above as a JSON-ready map, with per-category and per-pathway tables. */
    public static Map<String, Object> extended(List<ScenarioResult> rs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fix_hit", fixHit(rs));
        m.put("ece_15", ece(rs));
        m.put("aurc", aurc(rs));
        m.put("mean_confidence", rs.stream().mapToDouble(r -> r.diagnosis().confidence()).average().orElse(0));
        Map<String, Object> pathways = new LinkedHashMap<>();
        for (Pathway p : Pathway.values()) {
            List<ScenarioResult> on = on(rs, p);
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("share", rs.isEmpty() ? 0.0 : (double) on.size() / rs.size());
            pm.put("count", on.size());
            pm.put("precision", hitRate(on));
            pm.put("latency_p50_ms", latency(on, 0.50));
            pm.put("latency_p95_ms", latency(on, 0.95));
            pathways.put(p.name().toLowerCase(java.util.Locale.ROOT), pm);
        }
        m.put("pathways", pathways);
        Map<String, Object> cats = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            List<ScenarioResult> in = rs.stream().filter(r -> r.scenario().category() == c).toList();
            if (in.isEmpty()) {
                continue;
            }
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("scenarios", in.size());
            cm.putAll(Summary.metrics(in));
            cm.put("fix_hit", fixHit(in));
            cm.put("ece_15", ece(in));
            cm.put("intuitive_share", (double) on(in, Pathway.INTUITIVE).size() / in.size());
            cats.put(c.label(), cm);
        }
        m.put("per_category", cats);
        m.put("recurrence", firstVersusRepeat(rs));
        CommandStats cs = commands(rs);
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("kubectl_commands", cs.commands());
        cmd.put("valid_share", cs.validShare());
        cmd.put("destructive", cs.destructive());
        cmd.put("destructive_unflagged", cs.destructiveUnflagged());
        m.put("commands", cmd);
        int window = defaultWindow(rs.size());
        List<Map<String, Object>> curve = new ArrayList<>();
        for (CurvePoint p : learningCurve(rs, window)) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("seen", p.seen());
            pm.put("hit_at_1", p.accuracy());
            curve.add(pm);
        }
        Map<String, Object> lc = new LinkedHashMap<>();
        lc.put("window", window);
        lc.put("points", curve);
        m.put("learning_curve", lc);
        return m;
    }
}
