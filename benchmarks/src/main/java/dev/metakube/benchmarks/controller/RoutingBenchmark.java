package dev.metakube.benchmarks.controller;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Outcome;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.route.MetaCognitiveRouterProvider;
import dev.metakube.route.ThresholdRouterProvider;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.TrustFactors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing decision of every diagnosis: the meta-cognitive router ({@code C = Π f_j^v_j} with learned
 * weights against τ) against the fixed-threshold router as the baseline, in the same run, over 64 recalls of 10
 * memories with varied factors, after 2,000 learned outcomes. Also the cost of learning one outcome (feedback
 * path: weights, τ and the risk guard, in memory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBenchmark {
    private Router metacognitive;
    private Router threshold;
    private Recall[] recalls;
    /** The trust factors of each recall's best memory, as the engine computes them. */
    private TrustFactors[] best;
    private Query query;
    private RouteOutcome[] outcomes;
    private int next;

    @Setup
    public void setup() {
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).build();
        metacognitive = new MetaCognitiveRouterProvider().create(config);
        threshold = new ThresholdRouterProvider().create(config);
        Random rnd = new Random(1);
        Instant at = Instant.parse("2026-06-01T12:00:00Z");
        recalls = new Recall[64];
        best = new TrustFactors[recalls.length];
        for (int r = 0; r < recalls.length; r++) {
            List<ScoredMemory> ms = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Episode e = new Episode("ep-" + r + "-" + i, "pods restart OOMKilled", ClusterContext.EMPTY, List.of(),
                        Category.RESOURCE, "memory limit too low", "", List.of(), Outcome.RESOLVED, at, 0.9);
                TrustFactors f = new TrustFactors(0.5 + 0.5 * rnd.nextDouble(), rnd.nextDouble(),
                        0.5 + 0.5 * rnd.nextDouble(), rnd.nextDouble());
                ms.add(ScoredMemory.of(e, 0.9, 0.9 - i * 0.01));
                if (i == 0) {
                    best[r] = f;
                }
            }
            recalls[r] = new Recall(ms, 0.1);
        }
        query = new Query("pods restart", List.of(), ClusterContext.EMPTY, new Embedding("m", new float[] {1, 0}), at);
        outcomes = new RouteOutcome[256];
        for (int i = 0; i < 2_000; i++) {
            RouteDecision d = metacognitive.route(recalls[i % recalls.length], best[i % recalls.length], query);
            RouteOutcome o = new RouteOutcome(d, rnd.nextDouble() < d.trustScore(), 5_000_000);
            metacognitive.learn(o);
            outcomes[i % outcomes.length] = o;
        }
    }

    @Benchmark
    public RouteDecision metacognitiveRoute() {
        int i = next++ & 63;
        return metacognitive.route(recalls[i], best[i], query);
    }

    @Benchmark
    public RouteDecision thresholdRouteBaseline() {
        int i = next++ & 63;
        return threshold.route(recalls[i], best[i], query);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void metacognitiveLearn() {
        metacognitive.learn(outcomes[next++ & 255]);
    }
}
