package dev.metakube.embed;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;

/**
 * The fallback {@link Embedder}: lexical feature hashing into 384 dimensions (model id {@code lexical-hash-384}),
 * no dependencies, always available. Priority 10, so that a semantic embedder on the class path wins.
 */
public final class LexicalEmbedderProvider implements EmbedderProvider {
    /** The dimension of the vectors, the same as bge-small-en-v1.5's so that index settings carry over. */
    public static final int DIMENSION = 384;

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public LexicalEmbedderProvider() {
    }

    @Override
    public String name() {
        return "lexical";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Embedder create(MetaKubeConfig config) {
        return new LexicalEmbedder(DIMENSION);
    }
}
