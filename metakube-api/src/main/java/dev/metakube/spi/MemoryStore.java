package dev.metakube.spi;

import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Memory;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Episodic pattern memory (the paper's EPMN): stores resolved incidents as episodes, abstracts them into
 * patterns and recalls the most relevant ones for a query. Implementations are thread-safe: recalls may run
 * in parallel with records.
 */
public interface MemoryStore extends AutoCloseable {
    /**
     * Stores an episode. When the method returns, the episode is durable (for a persistent store) and visible
     * to the next recall.
     *
     * @param embedding the embedding of {@link Episode#symptoms()}; every embedding in one store comes from
     *                  the same model with the same dimension
     * @throws dev.metakube.api.InvalidInputException when the embedding's model or dimension differs from the
     *         store's, or the id is already taken
     */
    void record(Episode episode, Embedding embedding);

    /**
     * Stores several episodes, in order, as if by {@link #record} for each. A persistent store should make the
     * whole batch durable at once (one write, one fsync) and check every episode before storing any; this
     * default records them one by one, so that a failure part-way leaves the earlier ones stored.
     *
     * @param episodes   the episodes, in the order they are stored
     * @param embeddings the embedding of each episode's symptoms, at the same position as its episode
     * @throws dev.metakube.api.InvalidInputException when the lists differ in length, or as {@link #record}
     */
    default void recordAll(List<Episode> episodes, List<Embedding> embeddings) {
        if (episodes == null || embeddings == null || episodes.size() != embeddings.size()) {
            throw new InvalidInputException("recordAll", "episodes and embeddings must be given "
                    + "in lists of the same length, were " + (episodes == null ? "null" : episodes.size()) + " and "
                    + (embeddings == null ? "null" : embeddings.size()));
        }
        for (int i = 0; i < episodes.size(); i++) {
            record(episodes.get(i), embeddings.get(i));
        }
    }

    /**
     * Recalls up to {@code k} memories (episodes and patterns), ranked by the store's relevance, best first, each
     * with the facts the engine computes the router's trust factors from (its cosine to the query, its reliability
     * at the query's time, its context), and the novelty of the query.
     *
     * @throws dev.metakube.api.InvalidInputException when the query's embedding model or dimension differs
     */
    Recall recall(Query query, int k);

    /** The episode or pattern with this id. */
    Optional<Memory> find(String id);

    /**
     * Reports that reusing a memory succeeded or failed: an episode's value ω and its pattern's reliability
     * move accordingly. Unknown ids are ignored and reported as {@code false}.
     *
     * @return whether the id was known
     */
    boolean reinforce(String memoryId, boolean success, Instant at);

    /** Counts and identity of the store. */
    MemoryStats stats();

    /** Releases resources; pending writes are flushed first. */
    @Override
    void close();
}
