package dev.metakube.eval;

import static dev.metakube.eval.Results.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import dev.metakube.api.RemediationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void memoryCandidateHitGradesTheBestMemorysHypothesisWhicheverPathwayRan() {
        List<ScenarioResult> rs = List.of(
                withMemory(1, Pathway.ANALYTICAL, false, "the cause, seen before"), // memory right, answer wrong
                withMemory(2, Pathway.ANALYTICAL, true, "something else"),          // memory wrong
                withMemory(3, Pathway.INTUITIVE, true, "the cause"),                 // memory answered, right
                result(4, true, 0.9));                                                // no memory: not counted
        assertEquals(2.0 / 3, Metrics.memoryCandidateHit(rs), 1e-12);
        assertEquals(0.0, Metrics.memoryCandidateHit(List.of(result(5, true, 0.9))), 0.0);
    }

    private static ScenarioResult withMemory(int i, Pathway pathway, boolean hit, String memoryCause) {
        ScenarioResult r = result(i, Category.RESOURCE, "", hit, 0.7, pathway, 10);
        dev.metakube.api.Diagnosis d = r.diagnosis();
        dev.metakube.api.Diagnosis withMemory = new dev.metakube.api.Diagnosis(d.id(), d.incidentId(), d.category(),
                d.rootCause(), d.causalChain(), d.remediation(), d.prevention(), d.confidence(), pathway,
                d.threshold(), List.of(new dev.metakube.api.Hypothesis(Category.RESOURCE, memoryCause, 0.6, "m-" + i)),
                d.evidence(), List.of("m-" + i), d.chainsUsed(), d.model(), d.notes(), d.timings(), d.createdAt());
        return new ScenarioResult(r.scenario(), withMemory, r.latencyMillis(), r.categoryCorrect(),
                r.rootCauseKeywords(), r.rootCauseHit(), r.fixKeywords());
    }

    @Test
    void eceIsTheCountWeightedGapBetweenAccuracyAndConfidence() {
        // bin of 0.9: two right, two wrong -> gap 0.4 over 4 of 6; bin of 0.2: both wrong -> gap 0.2 over 2 of 6
        List<ScenarioResult> rs = List.of(result(1, true, 0.9), result(2, false, 0.9), result(3, true, 0.9),
                result(4, false, 0.9), result(5, false, 0.2), result(6, false, 0.2));
        assertEquals((4 * 0.4 + 2 * 0.2) / 6, Metrics.ece(rs), 1e-9);
        List<Metrics.Bin> bins = Metrics.reliability(rs);
        assertEquals(15, bins.size());
        assertEquals(4, bins.get(13).count());
        assertEquals(0.5, bins.get(13).accuracy(), 1e-9);
        assertEquals(2, bins.get(3).count());
        assertEquals(0, Metrics.ece(List.of()), 0);
    }

    @Test
    void confidenceOfOneFallsInTheLastBinAndPerfectCalibrationHasNoError() {
        List<ScenarioResult> rs = List.of(result(1, true, 1.0), result(2, false, 0.0));
        assertEquals(1, Metrics.reliability(rs).get(14).count());
        assertEquals(0, Metrics.ece(rs), 1e-9);
    }

    @Test
    void aurcAveragesTheRiskOfEveryCoverage() {
        List<ScenarioResult> rs = List.of(result(1, false, 0.8), result(2, true, 0.9), result(3, true, 0.7));
        // sorted 0.9 hit, 0.8 miss, 0.7 hit: risks 0, 1/2, 1/3
        assertEquals((0 + 0.5 + 1.0 / 3) / 3, Metrics.aurc(rs), 1e-9);
        List<ScenarioResult> wellRanked = List.of(result(1, true, 0.9), result(2, true, 0.8), result(3, false, 0.1));
        List<ScenarioResult> badlyRanked = List.of(result(1, true, 0.1), result(2, true, 0.2), result(3, false, 0.9));
        assertTrue(Metrics.aurc(wellRanked) < Metrics.aurc(badlyRanked));
    }

    @Test
    void learningCurveIsTheSlidingWindowHitRate() {
        List<ScenarioResult> rs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rs.add(result(i, i >= 10, 0.5)); // misses first, hits after
        }
        List<Metrics.CurvePoint> curve = Metrics.learningCurve(rs, 5);
        assertEquals(20, curve.size());
        assertEquals(1, curve.get(0).seen());
        assertEquals(0, curve.get(4).accuracy(), 1e-9);
        assertEquals(2.0 / 5, curve.get(11).accuracy(), 1e-9); // scenarios 8..12 (1-based): 10 and 11 (0-based) hit
        assertEquals(1, curve.get(19).accuracy(), 1e-9);
        assertEquals(10, Metrics.defaultWindow(20));
        assertEquals(100, Metrics.defaultWindow(1873));
    }

    @Test
    void pathwayPrecisionLatencyAndRecurrence() {
        List<ScenarioResult> rs = List.of(
                result(1, Category.NETWORK, "network/a", false, 0.3, Pathway.ANALYTICAL, 40),
                result(2, Category.NETWORK, "network/a", true, 0.9, Pathway.INTUITIVE, 2),
                result(3, Category.IMAGE, "image/b", true, 0.4, Pathway.ANALYTICAL, 60),
                result(4, Category.IMAGE, "image/b", true, 0.9, Pathway.INTUITIVE, 4),
                result(5, Category.IMAGE, "image/b", false, 0.8, Pathway.INTUITIVE, 3));
        Map<String, Object> m = Metrics.extended(rs);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) m.get("pathways");
        assertEquals(0.6, (double) paths.get("intuitive").get("share"), 1e-9);
        assertEquals(2.0 / 3, (double) paths.get("intuitive").get("precision"), 1e-9);
        assertEquals(0.5, (double) paths.get("analytical").get("precision"), 1e-9);
        assertEquals(3.0, (double) paths.get("intuitive").get("latency_p50_ms"), 1e-9);
        assertEquals(60.0, (double) paths.get("analytical").get("latency_p95_ms"), 1e-9);
        Map<String, Object> rec = Metrics.firstVersusRepeat(rs);
        assertEquals(2, rec.get("first_sightings"));
        assertEquals(0.5, (double) rec.get("first_hit_at_1"), 1e-9);
        assertEquals(2.0 / 3, (double) rec.get("repeat_hit_at_1"), 1e-9);
    }

    @Test
    void commandStatsCountValidAndUnflaggedDestructiveCommands() {
        List<ScenarioResult> rs = List.of(result(1, Category.SYSTEM, "", true, 0.5, Pathway.ANALYTICAL, 1,
                new RemediationStep("look", "kubectl get nodes", false),
                new RemediationStep("drain", "kubectl drain worker-1 --ignore-daemonsets", false),
                new RemediationStep("typo", "kubectl restart deploy/api", false),
                new RemediationStep("remove", "kubectl delete ns old", true),
                new RemediationStep("explain", "", false)));
        Metrics.CommandStats cs = Metrics.commands(rs);
        assertEquals(4, cs.commands());
        assertEquals(3, cs.valid());
        assertEquals(0.75, cs.validShare(), 1e-9);
        assertEquals(2, cs.destructive());
        assertEquals(1, cs.destructiveUnflagged());
    }
}
