package dev.metakube.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs a judge {@code n} times over a set of cases and reports each dimension's mean with its spread across runs
 * (the paper averages repeated judge runs because a sampled judge is noisy).
 *
 * @param runs       how many runs were made
 * @param cases      cases per run
 * @param dimensions effectiveness, equivalence, completeness, safety and overall, in that order
 */
public record JudgeRuns(int runs, int cases, List<Dimension> dimensions) {
    /** The dimension names in the order of {@link JudgeScore#dimensions()}. */
    public static final List<String> NAMES = List.of("effectiveness", "equivalence", "completeness", "safety",
            "overall");

    public JudgeRuns {
        dimensions = List.copyOf(dimensions);
    }

    /**
     * One dimension over the runs.
     *
     * @param name   the dimension
     * @param mean   the mean over runs of the per-run mean over cases, 0-10
     * @param spread the sample standard deviation of the per-run means (0 for one run)
     */
    public record Dimension(String name, double mean, double spread) {
    }

    /** Scores every case {@code n} times. */
    public static JudgeRuns over(Judge judge, List<JudgeCase> cases, int n) {
        return over(judge, cases, n, done -> { });
    }

    /**
     * Scores every case {@code n} times, run after run.
     *
     * @param progress told after each case how many scorings are done, over all runs
     */
    public static JudgeRuns over(Judge judge, List<JudgeCase> cases, int n, IntConsumer progress) {
        if (n < 1) {
            throw new IllegalArgumentException("judge runs must be at least 1, was " + n);
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no cases to judge");
        }
        int d = NAMES.size();
        double[][] perRun = new double[n][d];
        int done = 0;
        for (int r = 0; r < n; r++) {
            for (JudgeCase c : cases) {
                double[] s = judge.score(c).dimensions();
                for (int k = 0; k < d; k++) {
                    perRun[r][k] += s[k] / cases.size();
                }
                progress.accept(++done);
            }
        }
        List<Dimension> out = new ArrayList<>(d);
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += perRun[r][k] / n;
            }
            double var = 0;
            for (int r = 0; r < n; r++) {
                var += (perRun[r][k] - mean) * (perRun[r][k] - mean);
            }
            out.add(new Dimension(NAMES.get(k), mean, n > 1 ? Math.sqrt(var / (n - 1)) : 0));
        }
        return new JudgeRuns(n, cases.size(), out);
    }

    /** The dimension of that name. */
    public Dimension dimension(String name) {
        return dimensions.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no judge dimension " + name));
    }

    /** As a JSON-ready map: {@code {runs, cases, effectiveness: {mean, spread}, ...}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("cases", cases);
        for (Dimension x : dimensions) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("mean", x.mean());
            dm.put("spread", x.spread());
            m.put(x.name(), dm);
        }
        return m;
    }
}
