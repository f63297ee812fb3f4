package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Pathway;
import dev.metakube.api.RemediationStep;
import java.time.Instant;
import java.util.List;

/** Builds evaluation results by hand, for metric and report tests. */
final class Results {
    private Results() {
    }

    static ScenarioResult result(int i, Category category, String fault, boolean hit, double confidence,
                                 Pathway pathway, double latencyMs, RemediationStep... steps) {
        Scenario s = new Scenario("s-" + i, category, "pods restart", List.of(Evidence.text("x")),
                ClusterContext.EMPTY, "the cause", List.of("cause"), List.of("fix"), List.of("a", "b", "c"),
                "apply the fix", fault, "test");
        Diagnosis d = new Diagnosis("d-" + i, "s-" + i, hit ? category : Category.SYSTEM,
                hit ? "the cause" : "something else", List.of(), List.of(steps), List.of("watch it"), confidence,
                pathway, 0.75, List.of(), List.of(), List.of(), List.of(), "template", List.of(), null, Instant.EPOCH);
        return new ScenarioResult(s, d, latencyMs, hit || category == Category.SYSTEM, hit ? 1 : 0, hit, hit ? 1 : 0);
    }

    static ScenarioResult result(int i, boolean hit, double confidence) {
        return result(i, Category.RESOURCE, "", hit, confidence, Pathway.ANALYTICAL, 10);
    }
}
