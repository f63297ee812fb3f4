package dev.metakube.benchmarks.controller;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Feedback;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Verdict;
import dev.metakube.engine.EngineBuilder;
import dev.metakube.engine.EngineStats;
import dev.metakube.engine.MetaKube;
import dev.metakube.eval.Grading;
import dev.metakube.eval.Metrics;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import dev.metakube.eval.ScenarioResult;
import dev.metakube.standin.NoMemory;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The learning loop's figures on a scenario file, in learning mode (each scenario's graded truth fed back right
 * after its diagnosis), with an embedder of choice and memory on or off: root-cause hit@1 per 100 scenarios (the
 * learning curve), ECE over 15 bins, the intuitive pathway's coverage and precision, and how many first
 * sightings of a fault went the fast way.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.metakube.benchmarks.controller.LearningLoopEvaluation \
 *     SCENARIOS.jsonl [embedder: default|lexical] [memory: on|off]
 * </pre>
 */
public final class LearningLoopEvaluation {
    private LearningLoopEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: LearningLoopEvaluation SCENARIOS.jsonl [default|lexical] [on|off]");
        }
        List<Scenario> scenarios = ScenarioFiles.read(Paths.get(args[0]));
        String embedder = args.length > 1 ? args[1] : "default";
        boolean memory = args.length <= 2 || !args[2].equals("off");
        MetaKubeConfig.Builder config = MetaKubeConfig.builder().dataDir(null);
        if (!embedder.equals("default")) {
            config.provider(MetaKubeConfig.EMBEDDER, embedder);
        }
        List<ScenarioResult> results = new ArrayList<>();
        Set<String> faults = new HashSet<>();
        int firstSightings = 0;
        int firstFast = 0;
        EngineStats stats;
        EngineBuilder engine = MetaKube.builder();
        if (!memory) {
            // a memory that recalls nothing, and so nothing to seed
            engine.memoryStore(new NoMemory());
            config.seedExperience(false);
        }
        try (MetaKube mk = engine.config(config.build()).build()) {
            for (Scenario s : scenarios) {
                long t0 = System.nanoTime();
                Diagnosis d = mk.diagnose(s.incident(Instant.now()));
                double ms = (System.nanoTime() - t0) / 1e6;
                boolean hit = Grading.rootCauseHit(s, d);
                results.add(new ScenarioResult(s, d, ms, d.category() == s.category(),
                        Grading.keywordRate(s.rootCauseKeywords(), d.rootCause()), hit,
                        Grading.keywordRate(s.fixKeywords(), Grading.remediationText(d))));
                if (!s.fault().isBlank() && faults.add(s.fault())) {
                    firstSightings++;
                    firstFast += d.pathway() == Pathway.INTUITIVE ? 1 : 0;
                }
                mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(hit ? Verdict.CORRECT : Verdict.INCORRECT)
                        .trueCause(s.category(), s.rootCause()).resolution(s.resolution()).build());
            }
            stats = mk.stats();
        }
        List<ScenarioResult> fast = Metrics.on(results, Pathway.INTUITIVE);
        System.out.printf(Locale.ROOT, "embedder=%s memory=%s scenarios=%d hit@1=%.3f ece15=%.3f intuitive=%d "
                        + "(coverage %.3f, precision %.3f) first sightings=%d, fast %d%n", embedder, memory ? "on" : "off",
                results.size(), Metrics.hitRate(results), Metrics.ece(results), fast.size(),
                (double) fast.size() / Math.max(1, results.size()), Metrics.hitRate(fast), firstSightings, firstFast);
        StringBuilder curve = new StringBuilder("learning curve (hit@1 per 100):");
        for (int i = 0; i + 100 <= results.size(); i += 100) {
            curve.append(String.format(Locale.ROOT, " %.3f", Metrics.hitRate(results.subList(i, i + 100))));
        }
        System.out.println(curve);
        System.out.println("router: τ " + String.format(Locale.ROOT, "%.3f", stats.router().threshold()) + ", weights "
                + stats.router().weights());
    }
}
