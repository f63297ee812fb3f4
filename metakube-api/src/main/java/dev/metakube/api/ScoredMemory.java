package dev.metakube.api;

/**
 * A retrieved memory with its score and the factors of its trust score.
 *
 * @param memory  the episode or pattern
 * @param cosine  cosine similarity of its embedding to the query's, in [−1, 1]
 * @param score   from a memory store, the retrieval score that ranked it (higher is better); in a
 *                {@link dev.metakube.spi.ModelRequest}, the probability that the memory is right
 * @param factors the factors the router's trust score is computed from
 */
public record ScoredMemory(Memory memory, double cosine, double score, ConfidenceFactors factors) {
    public ScoredMemory {
        memory = Require.nonNull(memory, "scoredMemory.memory");
        if (!(cosine >= -1.0001 && cosine <= 1.0001)) {
            throw new InvalidInputException("scoredMemory.cosine", "must be in [-1, 1], was " + cosine);
        }
        score = Require.finite(score, "scoredMemory.score");
        factors = Require.nonNull(factors, "scoredMemory.factors");
    }
}
