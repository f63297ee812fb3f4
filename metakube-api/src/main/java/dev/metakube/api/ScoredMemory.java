package dev.metakube.api;

/**
 * A retrieved memory with its retrieval score and confidence factors.
 *
 * @param memory  the episode or pattern
 * @param cosine  cosine similarity of its embedding to the query's, in [−1, 1]
 * @param score   the retrieval score that ranked it (higher is better)
 * @param factors its confidence factors
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
