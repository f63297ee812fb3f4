package dev.metakube.graph;

/**
 * A typed edge with a weight (how strongly the source explains the target, in [0, 1]), feedback counts (its
 * confidence is the Laplace-smoothed share of confirmations) and provenance. Mutable under the graph's write lock.
 */
final class Relation {
    final EdgeType type;
    /** The source node's id, kept here so that searches need no lookup in the graph's edge map. */
    final String from;
    /** Whether the source is a cause node. */
    final boolean fromCause;
    double weight;
    /**
     * The weight before any feedback: the curated or ingested weight, 0 for an edge feedback created. What feedback
     * added or took away ({@code weight − taughtBase}) counts only as far as an incident is the fault it was taught
     * on ({@link CausalSearch}).
     */
    final double taughtBase;
    int confirmations;
    int refutations;
    Provenance provenance;
    /** Whether feedback changed or created it (what gets persisted apart from the curated base). */
    boolean learned;
    String source;

    Relation(String from, boolean fromCause, EdgeType type, double weight, Provenance provenance, String source) {
        this.from = from;
        this.fromCause = fromCause;
        this.type = type;
        this.weight = clamp(weight);
        this.taughtBase = provenance == Provenance.LEARNED ? 0 : this.weight;
        this.provenance = provenance;
        this.source = source == null ? "" : source;
    }

    /** Laplace-smoothed share of confirmations, in (0, 1). */
    double confidence() {
        return (1.0 + confirmations) / (2.0 + confirmations + refutations);
    }

    static double clamp(double w) {
        return Math.max(0.0, Math.min(1.0, w));
    }

    @Override
    public String toString() {
        return type + "(" + weight + ")";
    }
}
