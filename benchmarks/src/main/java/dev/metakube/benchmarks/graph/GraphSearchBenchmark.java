package dev.metakube.benchmarks.graph;

import dev.metakube.api.CausalChain;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.graph.KubeGraphProvider;
import dev.metakube.graph.SyntheticGraphs;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory-biased causal search ({@code explore}, 3 hops, 5 chains) on the curated graph and on a synthetic graph of
 * the paper's size (44,022 entities, 111,832 relations, Zipf-distributed symptom in-degrees). The baseline in the
 * same run is the same search limited to one hop (direct symptom → cause), which shows what the multi-hop walk
 * costs. On the synthetic graph the signals include its largest hub symptom, the worst case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class GraphSearchBenchmark {
    @Param({"curated", "paper-size"})
    public String graphKind;

    private CausalGraph graph;
    private Exploration threeHops;
    private Exploration oneHop;

    @Setup(Level.Trial)
    public void setUp() {
        MetaKubeConfig config = MetaKubeConfig.defaults();
        List<Signal> signals = new ArrayList<>(List.of(
                new Signal("oom-killed", SignalKind.REASON, "OOMKilled", "Reason: OOMKilled", 0.95),
                new Signal("exit-code-137", SignalKind.EXIT_CODE, "137", "Exit Code: 137", 0.8),
                new Signal("crash-loop-backoff", SignalKind.REASON, "CrashLoopBackOff", "", 0.8),
                new Signal("runtime-out-of-memory", SignalKind.ERROR_PHRASE, "OutOfMemoryError", "", 0.9),
                new Signal("object:pod", SignalKind.OBJECT, "payments-api-6f7c9d8b5-x2k9p", "", 0.5),
                new Signal("object:namespace", SignalKind.OBJECT, "payments", "", 0.5)));
        if (graphKind.equals("paper-size")) {
            graph = SyntheticGraphs.create(config, SyntheticGraphs.PAPER_ENTITIES, SyntheticGraphs.PAPER_RELATIONS, 11);
            for (int i : new int[] {0, 7, 120, 2_500}) {
                signals.add(new Signal(SyntheticGraphs.symptomKey(i), SignalKind.ERROR_PHRASE, "s" + i, "", 0.8));
            }
            if (graph.stats().nodes() != SyntheticGraphs.PAPER_ENTITIES
                    || graph.stats().edges() != SyntheticGraphs.PAPER_RELATIONS) {
                throw new IllegalStateException("synthetic graph has " + graph.stats());
            }
        } else {
            graph = new KubeGraphProvider().create(config);
        }
        threeHops = new Exploration(signals, List.of(), 3, 5);
        oneHop = new Exploration(signals, List.of(), 1, 5);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        graph.close();
    }

    @Benchmark
    public List<CausalChain> explore3Hops() {
        return graph.explore(threeHops);
    }

    @Benchmark
    public List<CausalChain> baselineExplore1Hop() {
        return graph.explore(oneHop);
    }
}
