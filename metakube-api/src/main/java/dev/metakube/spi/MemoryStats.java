package dev.metakube.spi;

/**
 * Size and identity of a memory store.
 *
 * @param episodes       episodes stored
 * @param patterns       patterns formed
 * @param embeddingModel the embedding model its vectors come from; empty while it is empty
 * @param dimension      the vector dimension; 0 while it is empty
 */
public record MemoryStats(long episodes, long patterns, String embeddingModel, int dimension) {
    public MemoryStats {
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
    }
}
