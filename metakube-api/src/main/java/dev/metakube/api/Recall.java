package dev.metakube.api;

import java.util.List;
import java.util.Optional;

/**
 * What a memory store recalls for a query (paper eq. 2, 13-16): the memories, ranked by the store's relevance, and
 * how novel the query is. How far to trust the memories is the router's to decide
 * ({@link dev.metakube.spi.Router#trustScore}), from the trust factors the engine computes of each.
 *
 * @param memories the top-K memories, best first (highest {@link ScoredMemory#relevance()})
 * @param novelty  distance to the nearest memory, in [0, 1] (1 − best cosine, clamped); 1 for an empty store
 */
public record Recall(List<ScoredMemory> memories, double novelty) {
    /** A recall from an empty memory. */
    public static final Recall EMPTY = new Recall(List.of(), 1.0);

    public Recall {
        memories = Require.list(memories, "recall.memories");
        Require.unit(novelty, "recall.novelty");
    }

    /** The best memory, if any. */
    public Optional<ScoredMemory> best() {
        return memories.isEmpty() ? Optional.empty() : Optional.of(memories.get(0));
    }
}
