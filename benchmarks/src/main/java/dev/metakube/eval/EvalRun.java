package dev.metakube.eval;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One evaluation run: a mode (frozen or learning) and an ablation, over a list of scenarios, on a fresh
 * in-memory engine (seeded with the bundled experience unless told not to), so runs never share state and
 * never touch a user's stored memory.
 *
 * @param name     a label for reports, e.g. {@code "learning"} or {@code "learning, no graph"}
 * @param learn    whether each scenario's truth was fed back after its diagnosis
 * @param ablation what was switched off
 * @param results  one result per scenario, in order
 * @param seconds  wall time of the run, seconds
 */
public record EvalRun(String name, boolean learn, Ablation ablation, List<ScenarioResult> results, double seconds) {
    public EvalRun {
        results = List.copyOf(results);
    }

    /** The mode's name: {@code "learning"} or {@code "frozen"}. */
    public String mode() {
        return learn ? "learning" : "frozen";
    }

    /**
     * Runs the scenarios.
     *
     * @param interval the simulated time between two incidents ({@link IncidentClock})
     * @param progress told after each scenario how many of this run are done
     */
    public static EvalRun run(List<Scenario> scenarios, boolean learn, Ablation ablation, boolean seed,
                              Duration interval, IntConsumer progress) {
        String name = (learn ? "learning" : "frozen") + (ablation == Ablation.NONE ? "" : ", " + ablation.label());
        long t0 = System.nanoTime();
        List<ScenarioResult> results;
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).seedExperience(seed).build();
        IncidentClock clock = new IncidentClock(interval);
        try (MetaKube mk = ablation.engine(config).clock(clock).build()) {
            results = new Evaluation(mk, learn, clock).run(scenarios, progress);
        }
        return new EvalRun(name, learn, ablation, results, (System.nanoTime() - t0) / 1e9);
    }
}
