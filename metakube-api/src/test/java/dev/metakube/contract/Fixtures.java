package dev.metakube.contract;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.Outcome;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic fixtures shared by the contract suites. */
public final class Fixtures {
    /** A fixed clock for fixtures. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private Fixtures() {
    }

    /** A random unit vector, deterministic in {@code seed}. */
    public static float[] unitVector(int dimension, long seed) {
        Random r = new Random(seed);
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) r.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** {@code base} moved slightly towards noise of {@code seed}, re-normalised: a near neighbour. */
    public static float[] near(float[] base, long seed, double noise) {
        float[] n = unitVector(base.length, seed);
        float[] v = new float[base.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + noise * n[i]);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    public static Episode episode(String id, Category category, String rootCause) {
        return new Episode(id, "symptoms of " + rootCause, new ClusterContext("prod", "Pod", "api", "1.29", Map.of()),
                List.of("signal-" + category.label()), category, rootCause, "fix for " + rootCause, List.of(),
                Outcome.RESOLVED, NOW, 0.5);
    }

    public static Query query(Embedding embedding) {
        return new Query("query", List.of(), new ClusterContext("prod", "Pod", "api", "1.29", Map.of()), embedding,
                NOW);
    }

    /** An OOMKilled incident as an operator would paste it. */
    public static Incident oomIncident() {
        return Incident.builder().id("oom-1").symptoms("payments-api pods keep restarting")
                .context("payments", "Pod", "payments-api-6f7c9d")
                .evidence(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod payments-api-6f7c9d", String.join("\n",
                        "Name:         payments-api-6f7c9d",
                        "Namespace:    payments",
                        "Containers:",
                        "  api:",
                        "    State:          Waiting",
                        "      Reason:       CrashLoopBackOff",
                        "    Last State:     Terminated",
                        "      Reason:       OOMKilled",
                        "      Exit Code:    137",
                        "    Restart Count:  14",
                        "    Limits:",
                        "      memory:  256Mi",
                        "Events:",
                        "  Warning  BackOff  2m (x40 over 30m)  kubelet  Back-off restarting failed container api")))
                .observedAt(NOW).build();
    }

    /** An incident whose image cannot be pulled because the tag does not exist. */
    public static Incident imagePullIncident() {
        return Incident.builder().id("img-1").symptoms("new release of checkout never becomes ready")
                .context("shop", "Pod", "checkout-5b8f")
                .evidence(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n shop", String.join("\n",
                        "LAST SEEN  TYPE     REASON   OBJECT              MESSAGE",
                        "1m         Normal   Pulling  pod/checkout-5b8f   Pulling image \"registry.example.com/shop/checkout:v2.4.1\"",
                        "1m         Warning  Failed   pod/checkout-5b8f   Failed to pull image \"registry.example.com/shop/checkout:v2.4.1\": rpc error: code = NotFound desc = manifest unknown",
                        "1m         Warning  Failed   pod/checkout-5b8f   Error: ErrImagePull",
                        "30s        Normal   BackOff  pod/checkout-5b8f   Back-off pulling image \"registry.example.com/shop/checkout:v2.4.1\"",
                        "30s        Warning  Failed   pod/checkout-5b8f   Error: ImagePullBackOff")))
                .observedAt(NOW).build();
    }

    /** A recall holding one memory. */
    public static Recall recallOf(Episode e) {
        return new Recall(List.of(ScoredMemory.of(e, 0.99, 0.99)), 0.01);
    }
}
