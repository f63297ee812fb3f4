package dev.metakube.graph;

import dev.metakube.api.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Groups the knowledge part of the graph (causes and symptoms, linked by {@code manifests_as}, {@code causes} and
 * {@code related}) into communities with JGraphT's label propagation (U. N. Raghavan, R. Albert, S. Kumara, 2007;
 * near-linear time), with a fixed seed so that the result is reproducible, and writes a summary of each
 * (GraphRAG-style community summaries, paper section 4.3). Object kinds and remediations are left out: they
 * would join everything into one community.
 */
final class Communities {
    private static final long SEED = 42L;

    private Communities() {
    }

    static List<IngestReport.Community> detect(KnowledgeGraph g) {
        Graph<String, DefaultEdge> view = new SimpleGraph<>(DefaultEdge.class);
        for (Map.Entry<String, NodeType> e : g.types.entrySet()) {
            if (e.getValue() == NodeType.CAUSE || e.getValue() == NodeType.SYMPTOM) {
                view.addVertex(e.getKey());
            }
        }
        for (Relation r : g.graph.edgeSet()) {
            if (r.type == EdgeType.MANIFESTS_AS || r.type == EdgeType.CAUSES || r.type == EdgeType.RELATED) {
                String a = g.graph.getEdgeSource(r);
                String b = g.graph.getEdgeTarget(r);
                if (view.containsVertex(a) && view.containsVertex(b) && !a.equals(b)) {
                    view.addEdge(a, b);
                }
            }
        }
        List<Set<String>> clusters = new ArrayList<>(
                new LabelPropagationClustering<>(view, 100, new Random(SEED)).getClustering().getClusters());
        clusters.sort(Comparator.<Set<String>>comparingInt(Set::size).reversed()
                .thenComparing(s -> s.stream().sorted().findFirst().orElse("")));
        List<IngestReport.Community> out = new ArrayList<>();
        for (Set<String> c : clusters) {
            List<String> causes = c.stream().filter(g.causes::containsKey).sorted().collect(Collectors.toList());
            List<String> symptoms = c.stream().filter(g.symptoms::containsKey).sorted().collect(Collectors.toList());
            if (causes.isEmpty()) {
                continue;
            }
            out.add(new IngestReport.Community(out.size(), causes, symptoms, summary(g, view, causes, symptoms)));
        }
        return out;
    }

    private static String summary(KnowledgeGraph g, Graph<String, DefaultEdge> view, List<String> causes,
                                  List<String> symptoms) {
        Map<Category, Integer> categories = new EnumMap<>(Category.class);
        Map<String, Integer> areas = new LinkedHashMap<>();
        for (String id : causes) {
            CauseCard c = g.causes.get(id);
            categories.merge(c.category(), 1, Integer::sum);
            areas.merge(c.area(), 1, Integer::sum);
        }
        Category main = categories.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String topAreas = areas.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).collect(Collectors.joining(", "));
        String hubSymptoms = symptoms.stream().sorted(Comparator.comparingInt((String s) -> -view.degreeOf(s))
                .thenComparing(s -> s)).limit(3).map(s -> g.symptoms.get(s).text()).collect(Collectors.joining("; "));
        String hubCause = causes.stream().max(Comparator.comparingInt((String s) -> view.degreeOf(s))
                .thenComparing(Comparator.reverseOrder())).orElseThrow();
        String example = Templates.fill(g.causes.get(hubCause).statement(), Map.of());
        if (example.length() > 200) {
            example = example.substring(0, 197) + "...";
        }
        return causes.size() + " cause" + (causes.size() == 1 ? "" : "s") + " and " + symptoms.size() + " symptom"
                + (symptoms.size() == 1 ? "" : "s") + ", mostly " + main.label() + " (" + topAreas + ")"
                + (hubSymptoms.isEmpty() ? "" : "; shows as: " + hubSymptoms) + "; central cause: " + example;
    }
}
