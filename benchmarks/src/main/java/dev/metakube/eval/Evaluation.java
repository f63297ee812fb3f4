package dev.metakube.eval;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Feedback;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs scenarios through an engine, in order. In learning mode each scenario's truth is fed back right after its
 * diagnosis, so later scenarios can draw on earlier ones; in frozen mode nothing is learned.
 */
public final class Evaluation {
    private final MetaKube engine;
    private final boolean learn;
    private final IncidentClock clock;

    /**
     * @param engine the engine, built with {@code clock} as its clock
     * @param learn  whether to feed each scenario's truth back
     * @param clock  the simulated time: each scenario happens one interval after the previous one
     */
    public Evaluation(MetaKube engine, boolean learn, IncidentClock clock) {
        this.engine = engine;
        this.learn = learn;
        this.clock = clock;
    }

    /** Diagnoses every scenario; {@code progress} is told how many are done after each. */
    public List<ScenarioResult> run(List<Scenario> scenarios, IntConsumer progress) {
        List<ScenarioResult> results = new ArrayList<>(scenarios.size());
        for (Scenario s : scenarios) {
            Instant at = clock.next();
            long t0 = System.nanoTime();
            Diagnosis d = engine.diagnose(s.incident(at));
            double ms = (System.nanoTime() - t0) / 1e6;
            ScenarioResult r = ScenarioResult.grade(s, d, ms);
            results.add(r);
            if (learn) {
                engine.feedback(Feedback.builder().diagnosisId(d.id())
                        .verdict(r.rootCauseHit() ? Verdict.CORRECT : Verdict.INCORRECT)
                        .trueCause(s.category(), s.rootCause()).resolution(s.resolution()).at(at).build());
            }
            progress.accept(results.size());
        }
        return results;
    }
}
