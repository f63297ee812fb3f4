package dev.metakube.standin;

import dev.metakube.api.CausalChain;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.util.List;

/**
 * A graph that searches nothing, so the analytical pathway has no causal chains, and learns nothing. Evidence
 * analysis, a separate backend, still runs.
 */
public final class AnalysisOnlyGraph extends StaticGraph {
    /** Wraps {@code graph}, which it then owns, for its evidence analysis only. */
    public AnalysisOnlyGraph(CausalGraph graph) {
        super(graph);
    }

    @Override
    public List<CausalChain> explore(Exploration exploration) {
        return List.of();
    }
}
