package dev.metakube.spi;

/** Finds and creates {@link Embedder} backends; list implementations in {@code META-INF/services/dev.metakube.spi.EmbedderProvider}. */
public interface EmbedderProvider extends Provider<Embedder> {
}
