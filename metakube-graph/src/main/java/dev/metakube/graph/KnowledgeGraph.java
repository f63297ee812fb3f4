package dev.metakube.graph;

import dev.metakube.api.Category;
import dev.metakube.evidence.DetectionRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The KubeGraph store: a JGraphT directed graph of node ids with typed {@link Relation} edges, plus the cards
 * of symptoms and causes. Not thread-safe by itself: {@link KubeGraph} guards it with a read-write lock.
 */
final class KnowledgeGraph {
    final Graph<String, Relation> graph = new DefaultDirectedGraph<>(null, null, false);
    final Map<String, NodeType> types = new LinkedHashMap<>();
    final Map<String, CauseCard> causes = new LinkedHashMap<>();
    final Map<String, SymptomCard> symptoms = new LinkedHashMap<>();
    /** Word tokens of each cause's statement and area, for the memory prior; filled lazily by searches. */
    private final Map<String, java.util.Set<String>> causeTokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per node, the causes explaining it (manifests_as, causes), heaviest first; cleared on every change. */
    private final Map<String, Relation[]> explainers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The edges from causes into {@code node} that explain it, by weight, heaviest first. */
    Relation[] explainers(String node) {
        return explainers.computeIfAbsent(node, n -> graph.incomingEdgesOf(n).stream()
                .filter(r -> r.fromCause && (r.type == EdgeType.MANIFESTS_AS || r.type == EdgeType.CAUSES))
                .sorted(java.util.Comparator.comparingDouble((Relation r) -> r.weight).reversed())
                .toArray(Relation[]::new));
    }

    /** Forgets derived indexes; call after any change of nodes, edges or weights. */
    void invalidate() {
        explainers.clear();
    }

    java.util.Set<String> tokensOf(CauseCard c) {
        return causeTokens.computeIfAbsent(c.id() + "\u0000" + c.statement(),
                k -> CausalSearch.tokens(c.statement() + " " + c.area()));
    }

    void addObject(String id, NodeType type) {
        if (types.putIfAbsent(id, type) == null) {
            graph.addVertex(id);
        }
    }

    void addSymptom(SymptomCard card) {
        symptoms.put(card.id(), card);
        types.put(card.id(), NodeType.SYMPTOM);
        graph.addVertex(card.id());
    }

    void addCause(CauseCard card) {
        causes.put(card.id(), card);
        types.put(card.id(), NodeType.CAUSE);
        graph.addVertex(card.id());
        for (int i = 0; i < card.remediation().size(); i++) {
            String fix = "fix:" + card.id() + ":" + i;
            types.put(fix, NodeType.REMEDIATION);
            graph.addVertex(fix);
            relate(card.id(), fix, EdgeType.FIXED_BY, 1.0, card.provenance(), card.source());
        }
    }

    /** The edge from {@code from} to {@code to}, created with the given values when absent. */
    Relation relate(String from, String to, EdgeType type, double weight, Provenance provenance, String source) {
        if (from.equals(to)) {
            return null;
        }
        Relation r = graph.getEdge(from, to);
        if (r != null) {
            return r;
        }
        r = new Relation(from, types.get(from) == NodeType.CAUSE, type, weight, provenance, source);
        graph.addEdge(from, to, r);
        invalidate();
        return r;
    }

    /** The detection rules of every symptom that has phrases. */
    List<DetectionRule> rules() {
        List<DetectionRule> out = new ArrayList<>();
        for (SymptomCard s : symptoms.values()) {
            if (!s.phrases().isEmpty()) {
                out.add(DetectionRule.of(s.id(), s.kind(), s.phrases(), s.patterns(), s.strength()));
            }
        }
        return out;
    }

    Map<Category, Integer> causesPerCategory() {
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        for (CauseCard c : causes.values()) {
            out.merge(c.category(), 1, Integer::sum);
        }
        return out;
    }

    int learnedEdges() {
        int n = 0;
        for (Relation r : graph.edgeSet()) {
            if (r.learned || r.provenance != Provenance.CURATED) {
                n++;
            }
        }
        return n;
    }
}
