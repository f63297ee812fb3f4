package dev.metakube.eval;

import dev.metakube.engine.MetaKube;

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

    /** Switches this part off on an engine builder. */
    MetaKube.Builder apply(MetaKube.Builder b) {
        return switch (this) {
            case NONE -> b;
            case MEMORY -> b.memoryEnabled(false);
            case GRAPH -> b.graphEnabled(false);
            case LEARNING -> b.learningEnabled(false);
            case MODEL -> b.modelEnabled(false);
            case GRAPH_LEARNING -> b.graphLearningEnabled(false);
            case MEMORY_STATIC_GRAPH -> b.memoryEnabled(false).graphLearningEnabled(false);
        };
    }
}
