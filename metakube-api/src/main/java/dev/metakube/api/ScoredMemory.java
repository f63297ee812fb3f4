package dev.metakube.api;

/**
 * A memory as a memory store recalls it: the memory, how close it is to the query, the store's own ranking score,
 * and the facts about it that only the store knows. How far to trust it is not the store's to say: the engine
 * computes the router's trust factors ({@link dev.metakube.spi.TrustFactors}) from these facts, the query and its
 * time.
 *
 * @param memory      the episode or pattern
 * @param cosine      cosine similarity of its embedding to the query's, in [−1, 1]
 * @param relevance   the store's ranking score, the order of a {@link Recall} (higher is better); its scale is the
 *                    store's own
 * @param reliability its historical success at the query's time, in [0, 1]: an episode's value ω, a pattern's
 *                    reliability with its evidence decayed to the query's time
 * @param context     where it happened, compared with the query's context: an episode's own, a pattern's the one most
 *                    of its members share
 */
public record ScoredMemory(Memory memory, double cosine, double relevance, double reliability,
                           ClusterContext context) {
    public ScoredMemory {
        memory = Require.nonNull(memory, "scoredMemory.memory");
        if (!(cosine >= -1.0001 && cosine <= 1.0001)) {
            throw new InvalidInputException("scoredMemory.cosine", "must be in [-1, 1], was " + cosine);
        }
        relevance = Require.finite(relevance, "scoredMemory.relevance");
        reliability = Require.unit(reliability, "scoredMemory.reliability");
        context = context == null ? ClusterContext.EMPTY : context;
    }

    /**
     * The memory with the facts it carries itself: an episode's value and context, a pattern's reliability as
     * last updated and no context. A store that knows more (a pattern's reliability at the query's time, its
     * members' context) uses the canonical constructor.
     */
    public static ScoredMemory of(Memory memory, double cosine, double relevance) {
        Require.nonNull(memory, "scoredMemory.memory");
        return new ScoredMemory(memory, cosine, relevance, memory.reliability(),
                memory instanceof Episode e ? e.context() : ClusterContext.EMPTY);
    }
}
