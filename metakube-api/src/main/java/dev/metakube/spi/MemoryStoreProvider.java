package dev.metakube.spi;

/** Finds and creates {@link MemoryStore} backends; list implementations in {@code META-INF/services/dev.metakube.spi.MemoryStoreProvider}. */
public interface MemoryStoreProvider extends Provider<MemoryStore> {
}
