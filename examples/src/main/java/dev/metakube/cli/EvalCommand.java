package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.RemediationStep;
import dev.metakube.eval.Ablation;
import dev.metakube.eval.EvalReport;
import dev.metakube.eval.EvalRun;
import dev.metakube.eval.Metrics;
import dev.metakube.eval.ProgressBar;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import dev.metakube.eval.ScenarioResult;
import dev.metakube.eval.Summary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code --both-modes} and {@code --ablations} more runs are made on fresh engines and compared in the report.
 */
@Command(name = "eval", description = "Evaluate MetaKube on a scenario file.")
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
            + " model switched off in turn")
    boolean ablations;

    @Option(names = "--both-modes", description = "also run the other mode (frozen or learning) for comparison")
    boolean bothModes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Scenario> list = ScenarioFiles.read(scenarios);
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        List<Ablation> extra = new ArrayList<>();
        if (ablations) {
            extra.addAll(List.of(Ablation.MEMORY, Ablation.GRAPH, Ablation.LEARNING, Ablation.MODEL));
        }
        int runs = 1 + extra.size() + (bothModes ? 1 : 0);
        IntConsumer bar = ProgressBar.onTerminal(err, runs * list.size());
        EvalRun main = EvalRun.run(list, learn, Ablation.NONE, !noSeed,
                ProgressBar.stage(bar, learn ? "learning" : "frozen", 0));
        List<EvalRun> others = new ArrayList<>();
        if (bothModes) {
            others.add(EvalRun.run(list, !learn, Ablation.NONE, !noSeed,
                    ProgressBar.stage(bar, !learn ? "learning" : "frozen", list.size())));
        }
        for (Ablation a : extra) {
            others.add(EvalRun.run(list, learn, a, !noSeed,
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
        EvalReport.writeHtml(out.resolve("report.html"), scenarios.getFileName().toString(), main, others);
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d scenarios in %.1f s: category accuracy %.3f, root-cause hit@1 %.3f, fix keywords %.3f%n",
                results.size(), seconds, (double) summary.get("category_accuracy"),
                (double) summary.get("root_cause_hit_at_1"), (double) summary.get("fix_keyword_hit_rate"));
        for (EvalRun r : others) {
            o.printf(Locale.ROOT, "  %-22s category accuracy %.3f, root-cause hit@1 %.3f (%.1f s)%n", r.name(),
                    Metrics.categoryAccuracy(r.results()), Metrics.hitRate(r.results()), r.seconds());
        }
        o.println("wrote " + out.resolve("results.jsonl") + ", " + out.resolve("summary.json") + " and "
                + out.resolve("report.html"));
        return 0;
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
