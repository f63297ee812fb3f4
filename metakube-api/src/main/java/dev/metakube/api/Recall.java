package dev.metakube.api;

import java.util.List;
import java.util.Optional;

/**
 * The result of a memory recall (paper eq. 2, 13-17).
 *
 * @param memories   the top-K memories, best first
 * @param novelty    distance to the nearest memory, in [0, 1] (1 − best cosine, clamped); 1 for an empty store
 * @param complexity entropy of the query's symptoms, normalised to [0, 1]
 * @param cMax       the highest memory confidence (eq. 17)
 * @param cAvg       the mean memory confidence
 * @param cStd       the standard deviation of memory confidences
 * @param coverage   the share of the query's signals that the returned memories also show, in [0, 1]
 */
public record Recall(List<ScoredMemory> memories, double novelty, double complexity, double cMax, double cAvg,
                     double cStd, double coverage) {
    /** A recall from an empty memory. */
    public static final Recall EMPTY = new Recall(List.of(), 1.0, 0.0, 0.0, 0.0, 0.0, 0.0);

    public Recall {
        memories = Require.list(memories, "recall.memories");
        Require.unit(novelty, "recall.novelty");
        Require.unit(complexity, "recall.complexity");
        Require.unit(cMax, "recall.cMax");
        Require.unit(cAvg, "recall.cAvg");
        Require.finite(cStd, "recall.cStd");
        Require.unit(coverage, "recall.coverage");
    }

    /** The best memory, if any. */
    public Optional<ScoredMemory> best() {
        return memories.isEmpty() ? Optional.empty() : Optional.of(memories.get(0));
    }
}
