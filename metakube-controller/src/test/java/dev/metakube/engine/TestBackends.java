package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Memory;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.CausalGraphProvider;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.GraphStats;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.MemoryStoreProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Small, real backends for the engine's tests, found through the test class path's META-INF/services: an
 * exact-scan memory, a keyword graph and a hashing embedder. They let the engine be tested on its own.
 */
final class TestBackends {
    private TestBackends() {
    }

    /** Exact cosine scan over everything recorded. */
    static class ScanMemory implements MemoryStore {
        final Map<String, Episode> episodes = new LinkedHashMap<>();
        final Map<String, float[]> vectors = new LinkedHashMap<>();
        String model = "";

        @Override
        public synchronized void record(Episode episode, Embedding embedding) {
            if (!model.isEmpty() && !model.equals(embedding.model())) {
                throw new InvalidInputException("embedding.model", "store holds " + model);
            }
            if (episodes.containsKey(episode.id())) {
                throw new InvalidInputException("episode.id", "duplicate " + episode.id());
            }
            model = embedding.model();
            episodes.put(episode.id(), episode);
            vectors.put(episode.id(), embedding.vector());
        }

        @Override
        public synchronized Recall recall(Query query, int k) {
            List<ScoredMemory> all = new ArrayList<>();
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                double cos = 0;
                for (int i = 0; i < e.getValue().length; i++) {
                    cos += e.getValue()[i] * query.embedding().vector()[i];
                }
                cos = Math.max(-1, Math.min(1, cos));
                Episode ep = episodes.get(e.getKey());
                all.add(ScoredMemory.of(ep, cos, cos * ep.value()));
            }
            all.sort((a, b) -> Double.compare(b.relevance(), a.relevance()));
            List<ScoredMemory> top = all.subList(0, Math.min(k, all.size()));
            if (top.isEmpty()) {
                return Recall.EMPTY;
            }
            return new Recall(top, Math.max(0, Math.min(1, 1 - top.get(0).cosine())));
        }

        @Override
        public synchronized Optional<Memory> find(String id) {
            return Optional.ofNullable(episodes.get(id));
        }

        @Override
        public synchronized boolean reinforce(String memoryId, boolean success, Instant at) {
            Episode e = episodes.get(memoryId);
            if (e == null) {
                return false;
            }
            double v = success ? e.value() + (1 - e.value()) * 0.2 : e.value() * 0.8;
            episodes.put(memoryId, e.withValue(v));
            return true;
        }

        @Override
        public synchronized MemoryStats stats() {
            return new MemoryStats(episodes.size(), 0, model, vectors.isEmpty() ? 0 : 64);
        }

        @Override
        public void close() {
        }
    }

    /** The highest-priority memory on the test class path. */
    public static final class ScanMemoryProvider implements MemoryStoreProvider {
        @Override
        public String name() {
            return "scan";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public MemoryStore create(MetaKubeConfig config) {
            return new ScanMemory();
        }
    }

    /** A second memory, lower priority, chosen only by name. */
    static final class OtherMemory extends ScanMemory {
    }

    public static final class OtherMemoryProvider implements MemoryStoreProvider {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public MemoryStore create(MetaKubeConfig config) {
            return new OtherMemory();
        }
    }

    /** Keywords to causes: enough graph to exercise the analytical pathway. */
    static final class KeywordGraph implements CausalGraph, EvidenceAnalyzer {
        private final Map<String, CausalChain> chains = new LinkedHashMap<>();
        int lessons;

        KeywordGraph() {
            chains.put("oomkilled", new CausalChain("resource.memory-limit", Category.RESOURCE,
                    "Memory limit too low for the container's working set", List.of("OOMKilled", "limit exceeded"),
                    List.of("kubectl describe pod"), List.of(new RemediationStep("Raise the memory limit",
                    "kubectl set resources deployment/app --limits=memory=1Gi", false)), List.of("size limits"), 0.8,
                    List.of("oomkilled")));
            chains.put("imagepullbackoff", new CausalChain("image.tag-missing", Category.IMAGE,
                    "The image tag does not exist in the registry", List.of("ImagePullBackOff", "manifest unknown"),
                    List.of(), List.of(new RemediationStep("Fix the tag", "kubectl set image deployment/app app=x:1", false)),
                    List.of(), 0.7, List.of("imagepullbackoff")));
        }

        @Override
        public EvidenceAnalysis analyze(Incident incident) {
            List<Signal> signals = new ArrayList<>();
            String text = incident.allText().toLowerCase(Locale.ROOT);
            for (String key : chains.keySet()) {
                if (text.contains(key)) {
                    signals.add(new Signal(key, SignalKind.REASON, key, key, 1.0));
                }
            }
            return new EvidenceAnalysis(incident, signals, List.of());
        }

        @Override
        public List<CausalChain> explore(Exploration exploration) {
            List<CausalChain> out = new ArrayList<>();
            for (Signal s : exploration.signals()) {
                CausalChain c = chains.get(s.key());
                if (c != null && out.size() < exploration.limit()) {
                    out.add(c);
                }
            }
            return out;
        }

        @Override
        public synchronized void learn(GraphLesson lesson) {
            lessons++;
        }

        @Override
        public GraphStats stats() {
            Map<Category, Integer> causes = new EnumMap<>(Category.class);
            causes.put(Category.RESOURCE, 1);
            causes.put(Category.IMAGE, 1);
            return new GraphStats(2, 2, causes, lessons);
        }

        @Override
        public void close() {
        }
    }

    /** The keyword graph's evidence analysis, as the engine discovers an analyzer. */
    public static final class KeywordAnalyzerProvider implements EvidenceAnalyzerProvider {
        @Override
        public String name() {
            return "keywords";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public EvidenceAnalyzer create(MetaKubeConfig config) {
            return new KeywordGraph();
        }
    }

    public static final class KeywordGraphProvider implements CausalGraphProvider {
        @Override
        public String name() {
            return "keywords";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public CausalGraph create(MetaKubeConfig config) {
            return new KeywordGraph();
        }
    }

    /** Bag of hashed words, 64 dimensions, L2-normalised. */
    static final class HashEmbedder implements Embedder {
        @Override
        public String model() {
            return "test-hash-64";
        }

        @Override
        public int dimension() {
            return 64;
        }

        @Override
        public float[] embed(String text) {
            float[] v = new float[64];
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), 64)] += 1;
                }
            }
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            if (n == 0) {
                v[0] = 1;
                return v;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(n);
            }
            return v;
        }
    }

    public static final class HashEmbedderProvider implements EmbedderProvider {
        @Override
        public String name() {
            return "hash";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public Embedder create(MetaKubeConfig config) {
            return new HashEmbedder();
        }
    }
}
