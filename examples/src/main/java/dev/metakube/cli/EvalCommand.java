package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.RemediationStep;
import dev.metakube.engine.MetaKube;
import dev.metakube.eval.Evaluation;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metakube eval --scenarios FILE.jsonl --out DIR [--learn]}: runs every scenario and writes
 * {@code results.jsonl} and {@code summary.json}. The engine runs in memory (seeded with the bundled experience
 * unless {@code --no-seed}), so an evaluation never touches the user's stored memory.
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Scenario> list = ScenarioFiles.read(scenarios);
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<ScenarioResult> results;
        try (MetaKube mk = MetaKube.builder().config(dev.metakube.api.MetaKubeConfig.builder().dataDir(null)
                .seedExperience(!noSeed).build()).build()) {
            results = new Evaluation(mk, learn).run(list, done -> {
                if (System.console() != null && (done % 10 == 0 || done == list.size())) {
                    err.print("\r" + done + "/" + list.size());
                    err.flush();
                }
            });
        }
        if (System.console() != null) {
            err.println();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
            for (ScenarioResult r : results) {
                w.write(json.writeValueAsString(resultLine(r)));
                w.write('\n');
            }
        }
        Map<String, Object> summary = Summary.of(results, learn, seconds);
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d scenarios in %.1f s: category accuracy %.3f, root-cause hit@1 %.3f, fix keywords %.3f%n",
                results.size(), seconds, (double) summary.get("category_accuracy"),
                (double) summary.get("root_cause_hit_at_1"), (double) summary.get("fix_keyword_hit_rate"));
        o.println("wrote " + out.resolve("results.jsonl") + " and " + out.resolve("summary.json"));
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
