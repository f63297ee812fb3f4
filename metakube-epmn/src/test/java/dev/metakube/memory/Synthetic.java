package dev.metakube.memory;

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
import java.util.Random;

/** Deterministic synthetic episodes and vectors for the tests. */
final class Synthetic {
    static final String MODEL = "test-model";
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private Synthetic() {
    }

    static float[] unit(Random r, int dim) {
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < dim; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** {@code centre} plus Gaussian noise of total norm about {@code noise}, normalised. */
    static float[] around(float[] centre, Random r, double noise) {
        float[] v = new float[centre.length];
        double n = 0;
        double sd = noise / Math.sqrt(centre.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centre[i] + sd * r.nextGaussian());
            n += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static Episode episode(String id, Category c, String cause, String fix, Outcome outcome) {
        return new Episode(id, "symptoms of " + cause, new ClusterContext("prod", "Pod", "api", "1.29", Map.of()),
                List.of("key-" + c.label()), c, cause, fix, List.of(new Attempt("restart the pod", false),
                new Attempt(fix, true)), outcome, NOW, 0.5);
    }

    static Embedding emb(float[] v) {
        return new Embedding(MODEL, v);
    }

    static Query query(float[] v) {
        return new Query("query", List.of(), new ClusterContext("prod", "Pod", "api", "1.29", Map.of()), emb(v), NOW);
    }
}
