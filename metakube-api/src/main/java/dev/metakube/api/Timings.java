package dev.metakube.api;

/**
 * Where the time of one diagnosis went, in nanoseconds. Stages that did not run are 0.
 */
public record Timings(long analysisNanos, long embeddingNanos, long retrievalNanos, long routingNanos,
                      long graphNanos, long modelNanos, long totalNanos) {
    public static final Timings ZERO = new Timings(0, 0, 0, 0, 0, 0, 0);

    /** The total in milliseconds. */
    public double totalMillis() {
        return totalNanos / 1e6;
    }
}
