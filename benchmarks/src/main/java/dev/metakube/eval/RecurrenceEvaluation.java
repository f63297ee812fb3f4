package dev.metakube.eval;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Feedback;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Does MetaKube recognise a fault the second time, in new dress? For each scenario, in order, the original is
 * diagnosed (its first sighting), in learning mode its truth is fed back, then its variant made by {@link NewDress}
 * is diagnosed (the recurrence). Run once frozen (the baseline) and once learning, each on a fresh in-memory engine.
 *
 * @param seed     the seed of the variants
 * @param learn    whether the originals' truth was fed back
 * @param firsts   the first sightings, in order
 * @param repeats  the recurrences, in the same order
 * @param seconds  wall time of the run
 */
public record RecurrenceEvaluation(long seed, boolean learn, List<ScenarioResult> firsts,
                                   List<ScenarioResult> repeats, double seconds) {
    public RecurrenceEvaluation {
        firsts = List.copyOf(firsts);
        repeats = List.copyOf(repeats);
    }

    /**
     * Runs the originals and their variants through a fresh engine.
     *
     * @param seedExperience whether the engine starts with the bundled experience
     * @param interval       the simulated time between two incidents
     * @param progress       told after each scenario (original and variant) how many are done
     */
    public static RecurrenceEvaluation run(List<Scenario> scenarios, long seed, boolean learn,
                                           boolean seedExperience, Duration interval, IntConsumer progress) {
        long t0 = System.nanoTime();
        List<ScenarioResult> firsts = new ArrayList<>();
        List<ScenarioResult> repeats = new ArrayList<>();
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).seedExperience(seedExperience).build();
        IncidentClock clock = new IncidentClock(interval);
        try (MetaKube mk = Ablation.NONE.engine(config).clock(clock).build()) {
            for (Scenario s : scenarios) {
                ScenarioResult first = diagnose(mk, s, clock.next());
                firsts.add(first);
                if (learn) {
                    mk.feedback(Feedback.builder().diagnosisId(first.diagnosis().id())
                            .verdict(first.rootCauseHit() ? Verdict.CORRECT : Verdict.INCORRECT)
                            .trueCause(s.category(), s.rootCause()).resolution(s.resolution())
                            .at(clock.instant()).build());
                }
                repeats.add(diagnose(mk, NewDress.variant(s, seed), clock.next()));
                progress.accept(firsts.size());
            }
        }
        return new RecurrenceEvaluation(seed, learn, firsts, repeats, (System.nanoTime() - t0) / 1e9);
    }

    private static ScenarioResult diagnose(MetaKube mk, Scenario s, Instant at) {
        long t0 = System.nanoTime();
        Diagnosis d = mk.diagnose(s.incident(at));
        return ScenarioResult.grade(s, d, (System.nanoTime() - t0) / 1e6);
    }

    /** The run's figures: hit rates of first sightings and recurrences, the fast pathway's share and precision. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", learn ? "learning" : "frozen");
        m.put("first_sighting_hit_at_1", Metrics.hitRate(firsts));
        m.put("recurrence_hit_at_1", Metrics.hitRate(repeats));
        m.put("recurrence_category_accuracy", Metrics.categoryAccuracy(repeats));
        int fast = 0;
        int fastHits = 0;
        for (ScenarioResult r : repeats) {
            if (r.diagnosis().pathway() == Pathway.INTUITIVE) {
                fast++;
                fastHits += r.rootCauseHit() ? 1 : 0;
            }
        }
        m.put("recurrence_intuitive_share", repeats.isEmpty() ? 0.0 : (double) fast / repeats.size());
        m.put("recurrence_intuitive_precision", fast == 0 ? 0.0 : (double) fastHits / fast);
        m.put("recurrence_intuitive_count", fast);
        m.put("seconds", seconds);
        return m;
    }

    /** The {@code recurrences} section of {@code summary.json}: both runs side by side. */
    public static Map<String, Object> summary(RecurrenceEvaluation frozen, RecurrenceEvaluation learning) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", learning.seed());
        m.put("scenarios", learning.firsts().size());
        int renamed = 0;
        for (ScenarioResult r : learning.firsts()) {
            renamed += NewDress.renaming(r.scenario(), learning.seed()).isEmpty() ? 0 : 1;
        }
        // the others differ from their original in the wording of the symptoms only
        m.put("variants_with_names_or_numbers_changed", renamed);
        m.put("frozen", frozen.toMap());
        m.put("learning", learning.toMap());
        return m;
    }
}
