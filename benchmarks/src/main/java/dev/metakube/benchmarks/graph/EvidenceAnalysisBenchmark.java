package dev.metakube.benchmarks.graph;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.graph.KubeGraphAnalyzerProvider;
import dev.metakube.spi.EvidenceAnalyzer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evidence analysis of a describe + events + logs bundle ({@code lines} lines): the default evidence analyzer
 * (bounding, redaction, Aho-Corasick detection over the full vocabulary, objects, quantities) against two
 * baselines in the same run: the floor (one pass that splits and lower-cases every line) and a naive detector (one
 * regular-expression alternation of 40 common Kubernetes reasons, run on every line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EvidenceAnalysisBenchmark {
    @Param({"5000"})
    public int lines;

    private EvidenceAnalyzer graph;
    private Incident bundle;
    private static final Pattern NAIVE = Pattern.compile("(?i)OOMKilled|CrashLoopBackOff|ImagePullBackOff|ErrImagePull"
            + "|FailedScheduling|FailedMount|Evicted|CreateContainerConfigError|Insufficient cpu|Insufficient memory"
            + "|no such host|connection refused|i/o timeout|x509: certificate|exec format error|forbidden"
            + "|Liveness probe failed|Readiness probe failed|Back-off restarting failed container|NotReady"
            + "|MemoryPressure|DiskPressure|no space left on device|manifest unknown|unauthorized|toomanyrequests"
            + "|exceeded quota|had untolerated taint|didn't match Pod's node affinity|OutOfMemoryError"
            + "|FailedCreatePodSandBox|PLEG is not healthy|etcdserver|Kernel panic|EXT4-fs error|admission webhook"
            + "|configmap|secret|no endpoints available|Multi-Attach error");

    @Setup(Level.Trial)
    public void setUp() {
        graph = new KubeGraphAnalyzerProvider().create(MetaKubeConfig.defaults());
        bundle = Bundles.bundle(lines, 7);
        long total = bundle.evidence().stream().mapToLong(e -> e.text().split("\n", -1).length).sum();
        if (total != lines) {
            throw new IllegalStateException("bundle has " + total + " lines, expected " + lines);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        graph.close();
    }

    @Benchmark
    public EvidenceAnalysis kubeGraphAnalyze() {
        return graph.analyze(bundle);
    }

    @Benchmark
    public void baselineSplitAndLowercase(Blackhole bh) {
        for (Evidence e : bundle.evidence()) {
            for (String line : e.text().split("\n")) {
                bh.consume(line.toLowerCase(Locale.ROOT));
            }
        }
    }

    @Benchmark
    public int baselineNaiveRegexPerLine() {
        int hits = 0;
        for (Evidence e : bundle.evidence()) {
            for (String line : e.text().split("\n")) {
                Matcher m = NAIVE.matcher(line);
                while (m.find()) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
