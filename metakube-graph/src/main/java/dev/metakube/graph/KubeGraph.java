package dev.metakube.graph;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.evidence.EvidenceAnalyzer;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.GraphStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link CausalGraph}: the curated Kubernetes causal graph plus what was learned, evidence analysis
 * over its symptom vocabulary, and memory-biased search. Thread-safe: searches share a read lock, learning takes
 * the write lock; evidence analysis works on an immutable analyzer replaced when the vocabulary grows.
 */
final class KubeGraph implements CausalGraph {
    /** How far one piece of feedback moves an edge weight: {@code w += η(1 − w)} or {@code w −= η·w}. */
    static final double LEARNING_RATE = 0.2;
    /** The weight of an edge that feedback creates. */
    static final double LEARNED_WEIGHT = 0.6;
    private static final Logger LOG = LoggerFactory.getLogger(KubeGraph.class);

    private final GraphSettings settings;
    private final KnowledgeGraph g = new KnowledgeGraph();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LearnedStore store;
    private final List<LearnedStore.ExtraFix> extraFixes = new ArrayList<>();
    private final CausalSearch search;
    private volatile EvidenceAnalyzer analyzer;
    private volatile boolean closed;

    KubeGraph(MetaKubeConfig config) {
        this.settings = GraphSettings.from(config);
        this.store = new LearnedStore(settings.dir());
        this.search = new CausalSearch(settings.alphaPrior(), settings.alphaPath(), settings.alphaNovelty());
        CuratedGraph.load(g);
        for (String key : dev.metakube.evidence.manifest.ManifestChecks.keys()) {
            // every finding of the manifest checks must reach a cause
            if (!g.symptoms.containsKey(key)) {
                throw new dev.metakube.api.MetaKubeException("the causal graph declares no symptom '" + key
                        + "' that the manifest checks produce; add it to " + CuratedGraph.RESOURCE);
            }
        }
        for (LearnedStore.ExtraFix f : store.load(g)) {
            applyFix(f);
        }
        g.invalidate();
        this.analyzer = new EvidenceAnalyzer(g.rules());
        LOG.debug("KubeGraph ready: {} nodes, {} edges, {} learned", g.graph.vertexSet().size(),
                g.graph.edgeSet().size(), g.learnedEdges());
    }

    /** Evidence analysis over this graph's current vocabulary (the engine uses {@link KubeGraphAnalyzer}). */
    public EvidenceAnalysis analyze(Incident incident) {
        open();
        return analyzer.analyze(incident);
    }

    @Override
    public List<CausalChain> explore(Exploration exploration) {
        open();
        Exploration x = exploration.maxHops() <= settings.maxHops() ? exploration : new Exploration(
                exploration.signals(), exploration.memoryHints(), settings.maxHops(), exploration.limit());
        lock.readLock().lock();
        try {
            return search.explore(g, x);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void learn(GraphLesson lesson) {
        open();
        lock.writeLock().lock();
        try {
            boolean vocabulary = false;
            List<String> keys = new ArrayList<>();
            // a quantity describes the spec (a limit, a request, a count), it is no evidence of a fault by itself:
            // feedback may strengthen what the curated graph already links to it, never link it anew, or every
            // confirmed memory fault would make any memory figure point at it
            Set<String> descriptive = new HashSet<>();
            for (Signal s : lesson.signals()) {
                if (s.kind() == SignalKind.QUANTITY) {
                    descriptive.add(s.key());
                }
                if (s.kind() == SignalKind.OBJECT || keys.contains(s.key())
                        || (g.types.containsKey(s.key()) && !g.symptoms.containsKey(s.key()))) {
                    // object names, repeats, and keys that name a non-symptom node teach nothing
                    continue;
                }
                keys.add(s.key());
                if (!g.symptoms.containsKey(s.key())) {
                    g.addSymptom(learnedSymptom(s));
                    vocabulary |= !g.symptoms.get(s.key()).phrases().isEmpty();
                }
            }
            CauseCard used = g.causes.get(lesson.usedCauseId());
            CauseCard target;
            if (lesson.confirmed() && used != null) {
                target = used;
            } else {
                if (used != null) {
                    for (String k : keys) {
                        Relation r = g.graph.getEdge(used.id(), k);
                        if (r != null) {
                            r.weight = Relation.clamp(r.weight * (1 - LEARNING_RATE));
                            r.refutations++;
                            r.learned = true;
                        }
                    }
                }
                target = findOrAddCause(lesson);
            }
            for (String k : keys) {
                if (descriptive.contains(k) && g.graph.getEdge(target.id(), k) == null) {
                    continue;
                }
                Relation r = g.relate(target.id(), k, EdgeType.MANIFESTS_AS, LEARNED_WEIGHT, Provenance.LEARNED,
                        "feedback");
                if (r != null) {
                    r.weight = Relation.clamp(r.weight + LEARNING_RATE * (1 - r.weight));
                    r.confirmations++;
                    r.learned = true;
                }
            }
            if (!lesson.resolution().isBlank() && target.provenance() == Provenance.CURATED
                    && target.remediation().stream().noneMatch(r -> similar(r.action(), lesson.resolution()))) {
                LearnedStore.ExtraFix f = new LearnedStore.ExtraFix(target.id(), stepFrom(lesson.resolution()),
                        Provenance.LEARNED);
                applyFix(f);
                extraFixes.add(f);
            }
            g.invalidate();
            store.save(g, extraFixes);
            if (vocabulary) {
                analyzer = new EvidenceAnalyzer(g.rules());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public GraphStats stats() {
        lock.readLock().lock();
        try {
            return new GraphStats(g.graph.vertexSet().size(), g.graph.edgeSet().size(), g.causesPerCategory(),
                    g.learnedEdges());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Runs {@code f} on the store under the write lock, then persists and refreshes the vocabulary. */
    <T> T update(Function<KnowledgeGraph, T> f) {
        open();
        lock.writeLock().lock();
        try {
            T out = f.apply(g);
            g.invalidate();
            store.save(g, extraFixes);
            analyzer = new EvidenceAnalyzer(g.rules());
            return out;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code f} on the store under the read lock. */
    <T> T read(Function<KnowledgeGraph, T> f) {
        lock.readLock().lock();
        try {
            return f.apply(g);
        } finally {
            lock.readLock().unlock();
        }
    }

    EvidenceAnalyzer analyzer() {
        return analyzer;
    }

    LearnedStore store() {
        return store;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("this KubeGraph is closed");
        }
    }

    private void applyFix(LearnedStore.ExtraFix f) {
        CauseCard c = g.causes.get(f.causeId());
        List<RemediationStep> steps = new ArrayList<>(c.remediation());
        steps.add(f.step());
        g.causes.put(c.id(), new CauseCard(c.id(), c.category(), c.area(), c.statement(), c.confirm(), steps,
                c.prevention(), c.provenance(), c.source()));
        String fix = "fix:" + c.id() + ":" + (steps.size() - 1);
        g.types.put(fix, NodeType.REMEDIATION);
        g.graph.addVertex(fix);
        Relation r = g.relate(c.id(), fix, EdgeType.FIXED_BY, 1.0, f.provenance(), "feedback");
        if (r != null) {
            r.learned = true;
        }
    }

    private CauseCard findOrAddCause(GraphLesson lesson) {
        String statement = lesson.rootCause().strip();
        CauseCard best = null;
        double bestSim = 0;
        var wanted = CausalSearch.tokens(statement);
        for (CauseCard c : g.causes.values()) {
            if (c.statement().equals(statement)) {
                return c;
            }
            if (c.category() != lesson.category()) {
                continue;
            }
            double sim = CausalSearch.cosine(wanted, CausalSearch.tokens(c.statement()));
            if (sim > bestSim) {
                bestSim = sim;
                best = c;
            }
        }
        if (best != null && bestSim >= 0.85) {
            return best;
        }
        String id = "learned:" + slug(statement) + "-" + hash(lesson.category() + statement);
        List<RemediationStep> fix = lesson.resolution().isBlank() ? List.of() : List.of(stepFrom(lesson.resolution()));
        CauseCard card = new CauseCard(id, lesson.category(), "learned from feedback", statement,
                List.of(confirmFor(lesson.category())), fix, List.of(), Provenance.LEARNED, "feedback");
        g.addCause(card);
        return card;
    }

    private static String confirmFor(Category c) {
        return switch (c) {
            case SCHEDULING -> "kubectl get events -n {namespace} --field-selector reason=FailedScheduling";
            case IMAGE -> "kubectl describe pod {pod} -n {namespace}";
            case NETWORK -> "kubectl get svc,endpoints -n {namespace}";
            case SYSTEM -> "kubectl get nodes -o wide";
            default -> "kubectl get events -n {namespace} --sort-by=.lastTimestamp";
        };
    }

    private static SymptomCard learnedSymptom(Signal s) {
        List<String> phrases = new ArrayList<>();
        String v = s.value().strip();
        // a distinctive error phrase taught by feedback becomes a detection phrase
        if (s.kind() == SignalKind.ERROR_PHRASE && v.length() >= 8 && v.length() <= 120
                && v.chars().allMatch(ch -> ch >= 32 && ch < 127) && v.chars().anyMatch(Character::isLetter)) {
            phrases.add(v);
        }
        return new SymptomCard(s.key(), s.kind(), v.isEmpty() ? s.key() : v, phrases, List.of(), 0.8,
                Provenance.LEARNED);
    }

    /** A remediation step from a resolution text; a kubectl command in it becomes the step's command. */
    static RemediationStep stepFrom(String resolution) {
        String r = resolution.strip();
        String command = "";
        int at = r.indexOf("kubectl ");
        if (at >= 0) {
            int end = r.indexOf('`', at);
            int nl = r.indexOf('\n', at);
            if (end < 0 || (nl >= 0 && nl < end)) {
                end = nl;
            }
            command = (end < 0 ? r.substring(at) : r.substring(at, end)).strip();
        }
        return new RemediationStep(r.length() > 500 ? r.substring(0, 497) + "..." : r, command, destructive(command));
    }

    static boolean destructive(String command) {
        String c = " " + command.toLowerCase(Locale.ROOT) + " ";
        return c.contains(" delete ") || c.contains(" drain ") || c.contains("--force") || c.contains(" replace ")
                || c.contains(" rollout restart ") || c.contains(" scale ") || c.contains(" cordon ")
                || c.contains(" evict") || c.contains(" taint ") || c.contains("rm -") || c.contains(" reboot");
    }

    private static boolean similar(String a, String b) {
        return CausalSearch.cosine(CausalSearch.tokens(a), CausalSearch.tokens(b)) >= 0.7;
    }

    static String slug(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if (b.length() >= 40) {
                break;
            }
            if (Character.isLetterOrDigit(c) && c < 128) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        return b.length() == 0 ? "cause" : b.toString();
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
