package dev.metakube.benchmarks.kubernetes;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import dev.metakube.kubernetes.ClusterEvidence;
import dev.metakube.kubernetes.ClusterScan;
import dev.metakube.kubernetes.CollectionLimits;
import dev.metakube.kubernetes.ObjectRef;
import dev.metakube.kubernetes.UnhealthyObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Live-cluster collection against a fabric8 mock API server on localhost, a namespace of 200 Pods of which 10 are
 * broken: collecting one broken Pod's evidence (p50 from the sample), and a scan as {@code metakube scan} runs it
 * (list what is unhealthy, collect each, four at a time, diagnose each with an engine already open).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClusterEvidenceBenchmark -f 1 -rf json -rff cluster.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dai.djl.offline=true"})
public class ClusterEvidenceBenchmark {
    private BenchCluster cluster;
    private MetaKube engine;
    private ExecutorService collectors;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new BenchCluster(20, 10, 10);
        engine = MetaKube.builder().config(MetaKubeConfig.defaults()).build();
        collectors = Executors.newFixedThreadPool(4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        collectors.shutdownNow();
        engine.close();
        cluster.close();
    }

    /** One broken Pod: owners, node, events, logs, Services, policies... every request the collection makes. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public Incident collectPod() {
        return ClusterEvidence.collect(cluster.client, ObjectRef.pod(BenchCluster.NS, cluster.brokenPod),
                CollectionLimits.defaults());
    }

    /** {@code metakube scan -n bench}: 200 Pods listed, the 10 unhealthy collected and diagnosed. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public List<Diagnosis> scanNamespace() {
        ClusterScan.Result scan = ClusterScan.scan(cluster.client, BenchCluster.NS, CollectionLimits.defaults());
        if (scan.unhealthy().size() != 10) {
            throw new IllegalStateException("expected 10 unhealthy objects, found " + scan.unhealthy());
        }
        List<CompletableFuture<Incident>> incidents = new ArrayList<>();
        for (UnhealthyObject u : scan.unhealthy()) {
            incidents.add(CompletableFuture.supplyAsync(() -> ClusterEvidence.collect(cluster.client, u.ref(),
                    CollectionLimits.defaults()), collectors));
        }
        List<Diagnosis> out = new ArrayList<>();
        for (CompletableFuture<Incident> f : incidents) {
            out.add(engine.diagnose(f.join()));
        }
        return out;
    }
}
