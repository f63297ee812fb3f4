package dev.metakube.benchmarks.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Providers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Embedding one incident (a {@code kubectl describe} excerpt and events, ~170 tokens) on one core: bge-small-en-v1.5
 * on ONNX Runtime with one intra-op thread (also a one-line symptom), against the lexical hashing embedder as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmbeddingBenchmark {
    static final String INCIDENT = String.join("\n",
            "payments-api pods keep restarting",
            "Name: payments-api-6f7c9d  Namespace: payments",
            "Containers: api: State: Waiting Reason: CrashLoopBackOff",
            "Last State: Terminated Reason: OOMKilled Exit Code: 137 Restart Count: 14",
            "Limits: memory: 256Mi  Requests: memory: 128Mi cpu: 100m",
            "Events: Warning BackOff 2m (x40 over 30m) kubelet Back-off restarting failed container api in pod",
            "payments-api-6f7c9d_payments; Normal Pulled 3m kubelet Container image already present on machine;",
            "Warning Unhealthy 5m kubelet Readiness probe failed: Get http://10.1.2.3:8080/ready: connection refused");

    /** A one-line symptom, ~25 tokens: what a query often is. */
    static final String SYMPTOM = "payments-api pods keep restarting: CrashLoopBackOff, last state OOMKilled, exit code 137";

    private Embedder bge;
    private Embedder lexical;

    @Setup(Level.Trial)
    public void load() {
        MetaKubeConfig config = MetaKubeConfig.builder().property("metakube.embedder.threads", "1").build();
        for (EmbedderProvider p : Providers.all(EmbedderProvider.class)) {
            if (p.name().equals("bge-small-en-v1.5")) {
                bge = p.create(config);
            } else if (p.name().equals("lexical")) {
                lexical = p.create(config);
            }
        }
        if (bge == null || lexical == null) {
            throw new IllegalStateException("both embedders must be on the class path");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        bge.close();
        lexical.close();
    }

    @Benchmark
    public float[] bgeSmall() {
        return bge.embed(INCIDENT);
    }

    @Benchmark
    public float[] bgeSmallOneLine() {
        return bge.embed(SYMPTOM);
    }

    @Benchmark
    public float[] lexicalBaseline() {
        return lexical.embed(INCIDENT);
    }
}
