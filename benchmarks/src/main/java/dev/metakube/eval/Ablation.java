package dev.metakube.eval;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.EngineBuilder;
import dev.metakube.engine.Learner;
import dev.metakube.engine.MetaKube;
import dev.metakube.standin.AnalysisOnlyGraph;
import dev.metakube.standin.NoMemory;
import dev.metakube.standin.StaticGraph;
import dev.metakube.template.TemplateModelProvider;

/**
 * One part of MetaKube switched off, to measure what it contributes (the paper's ablation study).
 * {@link #NONE} is the full system.
 */
public enum Ablation {
    /** The full system. */
    NONE("full"),
    /** No memory: every diagnosis takes the analytical pathway and nothing is remembered. */
    MEMORY("no memory"),
    /** No causal graph search: the analytical pathway has no causal chains. */
    GRAPH("no graph"),
    /** No learning: feedback is acknowledged and ignored. */
    LEARNING("no learning"),
    /** No configured model: the deterministic template model writes every diagnosis. */
    MODEL("no model"),
    /** A static graph: feedback teaches memory and router only (the paper's setting). */
    GRAPH_LEARNING("static graph"),
    /** No memory and a static graph: what memory adds where the graph does not learn. */
    MEMORY_STATIC_GRAPH("no memory, static graph");

    private final String label;

    Ablation(String label) {
        this.label = label;
    }

    /** A short label for tables: {@code "full"}, {@code "no memory"}... */
    public String label() {
        return label;
    }

    /**
     * An engine builder with this part switched off: the engine is assembled with a stand-in for it (a memory
     * that recalls nothing, a graph that searches or learns nothing, a learner that ignores feedback, the
     * template model).
     */
    EngineBuilder engine(MetaKubeConfig config) {
        EngineBuilder b = MetaKube.builder().config(config);
        return switch (this) {
            case NONE -> b;
            case MEMORY -> withoutMemory(b, config);
            case GRAPH -> b.wrapGraph(AnalysisOnlyGraph::new);
            case LEARNING -> b.learner(Learner.ignoringFeedback());
            case MODEL -> b.model(TemplateModelProvider.newModel());
            case GRAPH_LEARNING -> b.wrapGraph(StaticGraph::new);
            case MEMORY_STATIC_GRAPH -> withoutMemory(b, config).wrapGraph(StaticGraph::new);
        };
    }

    /** No memory, so nothing to seed. */
    private static EngineBuilder withoutMemory(EngineBuilder b, MetaKubeConfig config) {
        return b.config(config.toBuilder().seedExperience(false).build()).memoryStore(new NoMemory());
    }
}
