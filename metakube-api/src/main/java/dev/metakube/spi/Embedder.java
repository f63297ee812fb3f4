package dev.metakube.spi;

import dev.metakube.api.Embedding;

/**
 * Turns text into vectors for memory retrieval. Thread-safe.
 */
public interface Embedder extends AutoCloseable {
    /** The model id recorded with every vector ({@code "bge-small-en-v1.5"}, {@code "lexical-hash-384"}...). */
    String model();

    /** The vector dimension. */
    int dimension();

    /** Embeds a stored document (an episode's text). The result is L2-normalised. */
    float[] embed(String text);

    /** Embeds a query; models with an instruction format for queries override this. */
    default float[] embedQuery(String text) {
        return embed(text);
    }

    /** {@link #embed} with the model id attached. */
    default Embedding document(String text) {
        return new Embedding(model(), embed(text));
    }

    /** {@link #embedQuery} with the model id attached. */
    default Embedding query(String text) {
        return new Embedding(model(), embedQuery(text));
    }

    @Override
    default void close() {
    }
}
