package dev.metakube.benchmarks.memory;

import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.Outcome;
import dev.metakube.api.Query;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Synthetic episodes of realistic size (a few hundred bytes of text, two attempts, labels). */
final class Episodes {
    static final String MODEL = "bench-model";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Episodes() {
    }

    static Episode episode(int i) {
        Category c = Category.values()[i % 6];
        return new Episode("ep-" + i, "pod api-" + i + " in namespace shop keeps restarting: Back-off restarting "
                + "failed container, last state terminated with exit code 137 (OOMKilled), memory limit 512Mi",
                new ClusterContext("shop", "Pod", "api-" + i, "1.29", Map.of("team", "payments", "env", "prod")),
                List.of("oom-killed", "crash-loop-backoff"), c, "container memory limit too low for the workload " + i % 50,
                "raise the memory limit to 1Gi", List.of(new Attempt("kubectl rollout restart deploy/api", false),
                new Attempt("raise the memory limit to 1Gi", true)), Outcome.RESOLVED, T0.plusSeconds(i), 0.5);
    }

    static Embedding embedding(float[] v) {
        return new Embedding(MODEL, v);
    }

    static Query query(float[] v) {
        return new Query("pod keeps restarting OOMKilled", List.of(),
                new ClusterContext("shop", "Pod", "api", "1.29", Map.of("env", "prod")), embedding(v),
                T0.plusSeconds(86_400));
    }
}
