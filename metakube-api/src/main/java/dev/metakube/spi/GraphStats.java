package dev.metakube.spi;

import dev.metakube.api.Category;
import java.util.Map;

/**
 * Size of a causal graph.
 *
 * @param nodes          all nodes
 * @param edges          all edges
 * @param causes         root cause nodes per category
 * @param learnedEdges   edges added or changed by feedback
 */
public record GraphStats(int nodes, int edges, Map<Category, Integer> causes, int learnedEdges) {
    public GraphStats {
        causes = causes == null ? Map.of() : Map.copyOf(causes);
    }
}
