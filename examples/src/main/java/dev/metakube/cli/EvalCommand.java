package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.RemediationStep;
import dev.metakube.eval.Ablation;
import dev.metakube.eval.EvalReport;
import dev.metakube.eval.EvalRun;
import dev.metakube.eval.IncidentScoring;
import dev.metakube.eval.JudgeEvaluation;
import dev.metakube.eval.JudgeRuns;
import dev.metakube.eval.Metrics;
import dev.metakube.eval.ModelJudge;
import dev.metakube.eval.ProgressBar;
import dev.metakube.eval.RecurrenceEvaluation;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import dev.metakube.eval.ScenarioResult;
import dev.metakube.eval.Summary;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import dev.metakube.spi.Providers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metakube eval --scenarios FILE.jsonl --out DIR [--learn]}: runs every scenario and writes
 * {@code results.jsonl}, {@code summary.json} and {@code report.html}. The engine runs in memory (seeded with the
 * bundled experience unless {@code --no-seed}), so an evaluation never touches the user's stored memory. With
 * {@code --both-modes} and {@code --ablations} more runs are made on fresh engines and compared in the report. With
 * {@code --judge} a language model grades a sample of the main run's diagnoses ({@link JudgeEvaluation}); the
 * results go into the {@code judge} section of {@code summary.json} and a table of the report.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate MetaKube on a scenario file.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--scenarios", required = true, paramLabel = "FILE", description = "scenarios, JSON Lines")
    Path scenarios;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where results go")
    Path out;

    @Option(names = "--learn", description = "feed each scenario's truth back after its diagnosis")
    boolean learn;

    @Option(names = "--no-seed", description = "start from an empty memory")
    boolean noSeed;

    @Option(names = "--ablations", description = "also run, in the same mode, with memory, graph, learning and"
            + " model switched off in turn, then with a static graph with and without memory")
    boolean ablations;

    @Option(names = "--both-modes", description = "also run the other mode (frozen or learning) for comparison")
    boolean bothModes;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "simulated time between two incidents, ISO-8601 (default: ${DEFAULT-VALUE}): recency and"
                    + " the feedback rate bounds see the incidents spread over time, as they would be")
    Duration interval;

    @Option(names = "--judge", description = "also grade a sample of the diagnoses with a language model as judge"
            + " (the paper's appendix A.4): effectiveness, equivalence, completeness and safety, 0-10")
    boolean judge;

    @Option(names = "--judge-model", paramLabel = "DIR", description = "the judge, a Qwen3 checkpoint directory"
            + " (needed unless --judge-provider names a model that can judge)")
    Path judgeModel;

    @Option(names = "--judge-provider", paramLabel = "NAME", description = "the judge's model provider by name"
            + " (default: the available one with the highest priority)")
    String judgeProvider;

    @Option(names = "--judge-runs", paramLabel = "N", defaultValue = "3",
            description = "judge each case N times and report mean and spread (default: ${DEFAULT-VALUE})")
    int judgeRuns;

    @Option(names = "--judge-cases", paramLabel = "N", defaultValue = "50",
            description = "judge at most N diagnoses, an evenly spaced sample (default: ${DEFAULT-VALUE})")
    int judgeCases;

    @Option(names = "--recurrences", description = "for each scenario also diagnose a variant in new dress (every"
            + " name, host, image and number changed, symptoms reworded) right after the original, frozen and"
            + " learning; writes recurrences.jsonl and the recurrences section of summary.json")
    boolean recurrences;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the variants made by --recurrences (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkJudgeOptions();
        if (interval.isNegative() || interval.isZero()) {
            throw new InvalidInputException("--interval", "must be a positive duration, was " + interval);
        }
        List<Scenario> list = ScenarioFiles.read(scenarios);
        if (recurrences) {
            if (judge || ablations || bothModes) {
                throw new InvalidInputException("--recurrences", "runs both modes itself and takes neither --judge,"
                        + " --ablations nor --both-modes");
            }
            return evaluateRecurrences(list);
        }
        // the judge is opened before the runs, so that a model that cannot judge fails in seconds, not after them
        try (DiagnosticModel model = judge ? openJudgeModel() : null) {
            return evaluate(list, model == null ? null : ModelJudge.using(model));
        }
    }

    private void checkJudgeOptions() {
        if (!judge) {
            for (String o : List.of("--judge-model", "--judge-provider", "--judge-runs", "--judge-cases")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new InvalidInputException(o, "only applies with --judge");
                }
            }
            return;
        }
        if (judgeRuns < 1) {
            throw new InvalidInputException("--judge-runs", "must be at least 1, was " + judgeRuns);
        }
        if (judgeCases < 1) {
            throw new InvalidInputException("--judge-cases", "must be at least 1, was " + judgeCases);
        }
        if (judgeModel != null && !Files.isDirectory(judgeModel)) {
            throw new InvalidInputException("--judge-model", "no such directory: " + judgeModel);
        }
    }

    /**
     * The judge: the diagnostic model the usual provider selection picks for a configuration holding only the
     * judge options. It must offer free-form completion; the template model, which any selection falls back to,
     * does not, and is refused as bad input (exit 2).
     */
    private DiagnosticModel openJudgeModel() {
        MetaKubeConfig.Builder b = MetaKubeConfig.builder().dataDir(null);
        if (judgeModel != null) {
            b.property("metakube.model.dir", judgeModel.toString());
        }
        if (judgeProvider != null) {
            b.provider(MetaKubeConfig.MODEL, judgeProvider);
        }
        MetaKubeConfig config = b.build();
        DiagnosticModel m = Providers.select(DiagnosticModelProvider.class, MetaKubeConfig.MODEL, config)
                .create(config);
        if (m.completion().isEmpty()) {
            String name = m.name();
            m.close();
            throw new InvalidInputException("--judge", "the model '" + name + "' has no free-form completion, so it"
                    + " cannot act as judge; give --judge-model DIR (a Qwen3 checkpoint) or --judge-provider NAME");
        }
        return m;
    }

    private Integer evaluate(List<Scenario> list, ModelJudge modelJudge) throws IOException {
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        List<Ablation> extra = new ArrayList<>();
        if (ablations) {
            extra.addAll(List.of(Ablation.MEMORY, Ablation.GRAPH, Ablation.LEARNING, Ablation.MODEL,
                    Ablation.GRAPH_LEARNING, Ablation.MEMORY_STATIC_GRAPH));
        }
        int runs = 1 + extra.size() + (bothModes ? 1 : 0);
        int judgings = modelJudge == null ? 0 : judgeRuns * Math.min(judgeCases, list.size());
        IntConsumer bar = ProgressBar.onTerminal(err, runs * list.size() + judgings);
        EvalRun main = EvalRun.run(list, learn, Ablation.NONE, !noSeed, interval,
                ProgressBar.stage(bar, learn ? "learning" : "frozen", 0));
        List<EvalRun> others = new ArrayList<>();
        if (bothModes) {
            others.add(EvalRun.run(list, !learn, Ablation.NONE, !noSeed, interval,
                    ProgressBar.stage(bar, !learn ? "learning" : "frozen", list.size())));
        }
        for (Ablation a : extra) {
            others.add(EvalRun.run(list, learn, a, !noSeed, interval,
                    ProgressBar.stage(bar, a.label(), (1 + others.size()) * list.size())));
        }
        List<ScenarioResult> results = main.results();
        double seconds = main.seconds();
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (ScenarioResult r : results) {
                w.write(json.writeValueAsString(resultLine(r)));
                w.write('\n');
            }
        }
        Map<String, Object> summary = Summary.of(results, learn, seconds);
        summary.putAll(EvalReport.summary(main, others));
        summary.put("incident_scoring", IncidentScoring.summary(results));
        summary.put("interval", interval.toString());
        String source = scenarios.getFileName().toString();
        writeReports(json, summary, source, main, others, null);
        JudgeEvaluation judged = null;
        if (modelJudge != null && !results.isEmpty()) {
            // written before judging, the reports survive a judge that fails; written again with its section
            judged = JudgeEvaluation.run(modelJudge, results, judgeCases, judgeRuns,
                    ProgressBar.stage(bar, "judge", runs * list.size()));
            summary.put("judge", judged.toMap());
            writeReports(json, summary, source, main, others, judged);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d scenarios in %.1f s: category accuracy %.3f, root-cause hit@1 %.3f, fix keywords %.3f%n",
                results.size(), seconds, (double) summary.get("category_accuracy"),
                (double) summary.get("root_cause_hit_at_1"), (double) summary.get("fix_keyword_hit_rate"));
        for (EvalRun r : others) {
            o.printf(Locale.ROOT, "  %-22s category accuracy %.3f, root-cause hit@1 %.3f (%.1f s)%n", r.name(),
                    Metrics.categoryAccuracy(r.results()), Metrics.hitRate(r.results()), r.seconds());
        }
        if (judged != null) {
            JudgeRuns jr = judged.runs();
            StringBuilder line = new StringBuilder();
            for (JudgeRuns.Dimension d : jr.dimensions()) {
                line.append(String.format(Locale.ROOT, "%s%s %.2f ± %.2f", line.length() == 0 ? "" : ", ", d.name(),
                        d.mean(), d.spread()));
            }
            o.printf(Locale.ROOT, "judge %s, %d cases x %d runs (%.1f s): %s%n", judged.model(), jr.cases(),
                    jr.runs(), judged.seconds(), line);
        }
        o.println("wrote " + out.resolve("results.jsonl") + ", " + out.resolve("summary.json") + " and "
                + out.resolve("report.html"));
        return 0;
    }

    private Integer evaluateRecurrences(List<Scenario> list) throws IOException {
        Files.createDirectories(out);
        IntConsumer bar = ProgressBar.onTerminal(spec.commandLine().getErr(), 2 * list.size());
        RecurrenceEvaluation frozen = RecurrenceEvaluation.run(list, seed, false, !noSeed, interval,
                ProgressBar.stage(bar, "frozen", 0));
        RecurrenceEvaluation learning = RecurrenceEvaluation.run(list, seed, true, !noSeed, interval,
                ProgressBar.stage(bar, "learning", list.size()));
        ObjectMapper json = new ObjectMapper();
        // results.jsonl holds the first sightings of the learning run under their own ids, as a plain eval does
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (ScenarioResult r : learning.firsts()) {
                w.write(json.writeValueAsString(resultLine(r)));
                w.write('\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("recurrences.jsonl"), StandardCharsets.UTF_8)) {
            for (RecurrenceEvaluation run : List.of(frozen, learning)) {
                for (ScenarioResult r : run.repeats()) {
                    Map<String, Object> line = resultLine(r);
                    line.put("mode", run.learn() ? "learning" : "frozen");
                    line.put("root_cause_hit", r.rootCauseHit());
                    line.put("symptoms", r.scenario().symptoms());
                    w.write(json.writeValueAsString(line));
                    w.write('\n');
                }
            }
        }
        Map<String, Object> summary = Summary.of(learning.firsts(), true, learning.seconds());
        summary.put("recurrences", RecurrenceEvaluation.summary(frozen, learning));
        summary.put("interval", interval.toString());
        json.writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        PrintWriter o = spec.commandLine().getOut();
        for (RecurrenceEvaluation run : List.of(frozen, learning)) {
            Map<String, Object> m = run.toMap();
            o.printf(Locale.ROOT, "%-8s first sightings hit@1 %.3f, recurrences hit@1 %.3f, intuitive %.3f at"
                            + " precision %.3f (%.1f s)%n", m.get("mode"), m.get("first_sighting_hit_at_1"),
                    m.get("recurrence_hit_at_1"), m.get("recurrence_intuitive_share"),
                    m.get("recurrence_intuitive_precision"), run.seconds());
        }
        o.println("wrote " + out.resolve("results.jsonl") + ", " + out.resolve("recurrences.jsonl") + " and "
                + out.resolve("summary.json"));
        return 0;
    }

    private void writeReports(ObjectMapper json, Map<String, Object> summary, String source, EvalRun main,
                              List<EvalRun> others, JudgeEvaluation judged) throws IOException {
        EvalReport.writeHtml(out.resolve("report.html"), source, main, others, judged);
        json.writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
    }

    static Map<String, Object> resultLine(ScenarioResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.scenario().id());
        m.put("category", r.diagnosis().category().label());
        m.put("root_cause", r.diagnosis().rootCause());
        List<String> rem = new ArrayList<>();
        for (RemediationStep s : r.diagnosis().remediation()) {
            rem.add(s.command().isEmpty() ? s.action() : s.action() + ": " + s.command());
        }
        m.put("remediation", rem);
        m.put("confidence", r.diagnosis().confidence());
        m.put("pathway", r.diagnosis().pathway().name().toLowerCase(Locale.ROOT));
        m.put("latency_ms", r.latencyMillis());
        return m;
    }
}
