package dev.metakube.spi;

/** Finds and creates {@link CausalGraph} backends; list implementations in {@code META-INF/services/dev.metakube.spi.CausalGraphProvider}. */
public interface CausalGraphProvider extends Provider<CausalGraph> {
}
