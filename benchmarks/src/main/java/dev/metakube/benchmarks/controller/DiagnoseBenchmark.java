package dev.metakube.benchmarks.controller;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Feedback;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * End-to-end {@code diagnose} with the default backends found on the class path (EPMN memory seeded with the
 * bundled experience, KubeGraph, the default embedder, the template model, the meta-cognitive router), per
 * pathway, embedding included, with the default embedder and with the lexical fallback. The intuitive case is an incident whose fault was confirmed once by feedback; the
 * analytical case is one no memory vouches for. The 32 incidents differ only in names and numbers, so their masked
 * texts are the same: with the query cache on, the embedding is computed once; {@code queryCache=0} measures the
 * embedding of every incident. The setup fails if the engine does not take the intended
 * pathway, so the figure is always the one it claims to be. Nothing is learned during measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiagnoseBenchmark {
    @Param({"intuitive", "analytical"})
    public String pathway;

    /** {@code default}: the highest-priority embedder on the class path (bge-small); {@code lexical}: the fallback. */
    @Param({"default", "lexical"})
    public String embedder;

    /** ONNX Runtime threads per embedding ({@code metakube.embedder.threads}); only the default embedder uses it. */
    @Param({"1"})
    public String embedderThreads;

    /**
     * Query vectors kept by the engine ({@code metakube.embedder.queryCache}); {@code 0} embeds every incident, as
     * for a fault never seen in this masked form.
     */
    @Param({"512", "0"})
    public String queryCache;

    private MetaKube engine;
    /** Distinct incidents (other pod names, other restart counts), so that no cache answers for the engine. */
    private Incident[] incidents;
    private int next;

    static Incident oom(String pod) {
        return oom(pod, 14);
    }

    static Incident oom(String pod, int restarts) {
        String describe = "Name: " + pod + "\nNamespace: shop\nContainers:\n  api:\n    State: Running\n"
                + "    Last State: Terminated\n      Reason: OOMKilled\n      Exit Code: 137\n"
                + "    Limits:\n      memory: 256Mi\n    Restart Count: " + restarts + "\nEvents:\n"
                + "  Warning BackOff kubelet Back-off restarting failed container api";
        return new Incident("bench-" + pod, "checkout-api pods restart again and again under load",
                List.of(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod " + pod, describe)),
                new ClusterContext("shop", "Deployment", "checkout-api", "1.29", Map.of("app", "checkout-api")), null);
    }

    static Incident dns(String pod) {
        String logs = "2026-06-01T12:00:01Z ERROR payment client: dial tcp: lookup ledger.finance.svc.cluster.local "
                + "on 10.96.0.10:53: no such host\n2026-06-01T12:00:02Z ERROR retrying in 5s";
        return new Incident("bench-dns-" + pod, "payments cannot reach the ledger service",
                List.of(new Evidence(EvidenceKind.LOGS, "kubectl logs " + pod, logs)),
                new ClusterContext("payments", "Deployment", "payments", "1.29", Map.of()), null);
    }

    @Setup
    public void setup() {
        MetaKubeConfig.Builder config = MetaKubeConfig.builder().dataDir(null)
                .property("metakube.embedder.threads", embedderThreads)
                .property("metakube.embedder.queryCache", queryCache);
        if (!embedder.equals("default")) {
            config.provider(MetaKubeConfig.EMBEDDER, embedder);
        }
        engine = MetaKube.builder().config(config.build()).build();
        if (pathway.equals("intuitive")) {
            Diagnosis first = engine.diagnose(oom("checkout-api-7d9f6b8c4-qx2lm"));
            engine.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                    .trueCause(dev.metakube.api.Category.RESOURCE,
                            "The checkout-api container's 256Mi memory limit is below its working set under load")
                    .resolution("kubectl set resources deployment/checkout-api -n shop --limits=memory=768Mi").build());
        }
        Pathway want = pathway.equals("intuitive") ? Pathway.INTUITIVE : Pathway.ANALYTICAL;
        incidents = new Incident[32];
        Diagnosis d = null;
        for (int i = 0; i < incidents.length; i++) {
            String pod = String.format("%s-7d9f6b8c4-%05d", pathway.equals("intuitive") ? "checkout-api" : "payments", i);
            incidents[i] = pathway.equals("intuitive") ? oom(pod, 3 + i) : dns(pod);
            d = engine.diagnose(incidents[i]);
            if (d.pathway() != want) {
                throw new IllegalStateException("benchmark incident " + i + " took the " + d.pathway()
                        + " pathway, not " + want + " (confidence " + d.confidence() + ", τ " + d.threshold() + ")");
            }
        }
        System.out.println("# " + pathway + ": " + engine.stats().backends() + "; timings of one diagnosis: "
                + d.timings());
    }

    @TearDown
    public void close() {
        engine.close();
    }

    @Benchmark
    public Diagnosis diagnose() {
        return engine.diagnose(incidents[next++ & 31]);
    }
}
