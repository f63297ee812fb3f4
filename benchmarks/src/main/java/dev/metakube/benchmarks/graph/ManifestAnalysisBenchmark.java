package dev.metakube.benchmarks.graph;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.evidence.manifest.ManifestChecks;
import dev.metakube.evidence.manifest.ManifestParser;
import dev.metakube.evidence.manifest.ManifestSet;
import dev.metakube.graph.KubeGraphAnalyzerProvider;
import dev.metakube.spi.EvidenceAnalyzer;
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
 * Evidence analysis of a manifest bundle ({@code lines} lines, {@code manifests} objects: Deployments with their
 * Services, one of whose selectors is wrong): KubeGraph's {@code analyze} (bounding, redaction, text detection,
 * parsing into fabric8 objects and every check family) against two baselines in the same run: the parse alone
 * (the line pass, SnakeYAML and typed binding), the parse plus the check families, and the floor: SnakeYAML
 * loading the same text into maps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ManifestAnalysisBenchmark {
    @Param({"5000"})
    public int lines;

    @Param({"200"})
    public int manifests;

    private EvidenceAnalyzer graph;
    private Incident bundle;
    private String text;
    private final ManifestParser parser = new ManifestParser();

    @Setup(Level.Trial)
    public void setUp() {
        graph = new KubeGraphAnalyzerProvider().create(MetaKubeConfig.defaults());
        text = bundle(lines, manifests);
        bundle = Incident.builder().id("bench").symptoms("the shop frontend answers 503")
                .evidence(new Evidence(EvidenceKind.MANIFEST, "kubectl get deploy,svc -o yaml", text)).build();
        ManifestSet set = parser.parse(text);
        if (set.objects().size() != manifests || !set.notes().isEmpty()) {
            throw new IllegalStateException("bundle has " + set.objects().size() + " objects, expected " + manifests
                    + " " + set.notes());
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
    public ManifestSet baselineParse() {
        return parser.parse(text);
    }

    /** The floor: SnakeYAML alone loads the documents into maps (no limits, no binding, no checks). */
    @Benchmark
    public int baselineSnakeYamlLoad() {
        int n = 0;
        for (Object doc : new org.yaml.snakeyaml.Yaml().loadAll(text)) {
            n += doc == null ? 0 : 1;
        }
        return n;
    }

    @Benchmark
    public int baselineParseAndCheck() {
        return ManifestChecks.run(parser.parse(text), new ArrayList<>()).size();
    }

    /** {@code manifests / 2} Deployment + Service pairs, padded with env entries to exactly {@code lines} lines. */
    static String bundle(int lines, int manifests) {
        int apps = manifests / 2;
        List<String> out = new ArrayList<>();
        int perApp = lines / apps;
        for (int a = 0; a < apps; a++) {
            String name = "app-" + a;
            List<String> doc = new ArrayList<>(List.of(
                    "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: " + name, "  namespace: shop",
                    "  labels:", "    app: " + name, "spec:", "  replicas: 2", "  selector:", "    matchLabels:",
                    "      app: " + name, "  template:", "    metadata:", "      labels:", "        app: " + name,
                    "    spec:", "      containers:", "      - name: web",
                    "        image: registry.example.com/shop/" + name + ":1." + a + ".0", "        ports:",
                    "        - containerPort: 8080", "          name: http", "        resources:",
                    "          requests: {cpu: 100m, memory: 128Mi}", "          limits: {cpu: 500m, memory: 256Mi}",
                    "        env:"));
            List<String> svc = List.of("---", "apiVersion: v1", "kind: Service", "metadata:", "  name: " + name,
                    "  namespace: shop", "spec:", "  selector:", "    app: " + (a == apps / 2 ? name + "-v2" : name),
                    "  ports:", "  - port: 80", "    targetPort: http", "---");
            int budget = (a == apps - 1 ? lines - out.size() : perApp) - doc.size() - svc.size();
            for (int e = 0; budget >= 2; e++, budget -= 2) {
                doc.add("        - name: SETTING_" + e);
                doc.add("          value: \"" + e + "\"");
            }
            out.addAll(doc);
            out.addAll(svc);
        }
        while (out.size() < lines) {
            out.add("# end");
        }
        if (out.size() != lines) {
            throw new IllegalStateException("bundle has " + out.size() + " lines, expected " + lines);
        }
        return String.join("\n", out);
    }
}
