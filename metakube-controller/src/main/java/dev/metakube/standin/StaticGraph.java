package dev.metakube.standin;

import dev.metakube.api.CausalChain;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.GraphStats;
import java.util.List;

/**
 * A graph that keeps what it knows and learns nothing more from feedback: search is the wrapped graph's, lessons are dropped. The setting of the paper, whose KubeGraph is static. Closing it closes
 * the wrapped graph.
 */
public class StaticGraph implements CausalGraph {
    private final CausalGraph graph;

    /** Wraps {@code graph}, which it then owns. */
    public StaticGraph(CausalGraph graph) {
        if (graph == null) {
            throw new IllegalArgumentException("graph must be given");
        }
        this.graph = graph;
    }

    @Override
    public List<CausalChain> explore(Exploration exploration) {
        return graph.explore(exploration);
    }

    @Override
    public final void learn(GraphLesson lesson) {
        // static: feedback teaches memory and router only
    }

    @Override
    public GraphStats stats() {
        return graph.stats();
    }

    @Override
    public void close() {
        graph.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + graph.getClass().getSimpleName() + "]";
    }
}
