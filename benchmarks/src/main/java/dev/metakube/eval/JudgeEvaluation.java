package dev.metakube.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The LLM-as-judge part of an evaluation (the paper's appendix A.4): a deterministic sample of a run's diagnoses
 * ({@link JudgeCase#sample}) graded {@code n} times by a judge ({@link JudgeRuns}), each dimension reported as the
 * mean over runs with its spread. It is the {@code judge} section of {@code summary.json} and the judge table of
 * {@code report.html}.
 *
 * @param model       the judging model's name
 * @param sampledFrom how many results the sample was drawn from
 * @param runs        the scores: four dimensions and the overall score, 0-10
 * @param seconds     wall time of the judging, seconds
 */
public record JudgeEvaluation(String model, int sampledFrom, JudgeRuns runs, double seconds) {
    /**
     * Judges a sample of {@code results}.
     *
     * @param cases    the most cases to judge (a deterministic sample when there are more results)
     * @param n        how many times each case is judged
     * @param progress told after each case how many scorings are done, of {@code n * min(cases, results)}
     * @throws IllegalArgumentException when {@code cases} or {@code n} is below 1, or there are no results
     * @throws dev.metakube.spi.ModelOutputException when the judge gave an answer that could not be read
     */
    public static JudgeEvaluation run(ModelJudge judge, List<ScenarioResult> results, int cases, int n,
                                      IntConsumer progress) {
        long t0 = System.nanoTime();
        JudgeRuns runs = JudgeRuns.over(judge, JudgeCase.sample(results, cases), n, progress);
        return new JudgeEvaluation(judge.name(), results.size(), runs, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * As a JSON-ready map: {@code {model, sampled_from, runs, cases, effectiveness: {mean, spread}, equivalence,
     * completeness, safety, overall, seconds}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("sampled_from", sampledFrom);
        m.putAll(runs.toMap());
        m.put("seconds", seconds);
        return m;
    }
}
