package dev.metakube.spi;

import dev.metakube.api.MetaKubeConfig;

/**
 * A named factory of a backend, found through {@link java.util.ServiceLoader}. Each SPI has its own
 * subinterface ({@link MemoryStoreProvider}, ...) listed in {@code META-INF/services}.
 *
 * <p>The available provider with the highest {@link #priority()} wins unless the configuration names one
 * ({@link MetaKubeConfig#provider(String)}).
 *
 * @param <T> the backend type
 */
public interface Provider<T> {
    /** A short stable name, used in configuration ({@code "epmn"}, {@code "kubegraph"}, {@code "template"}). */
    String name();

    /** Higher wins among available providers. Defaults shipped with MetaKube use 100; 0 means "fallback". */
    int priority();

    /**
     * Whether this provider can create a backend under {@code config} (for example, model weights are
     * configured). An unavailable provider is skipped when none is named, and named explicitly it fails with
     * {@link #requirement()}.
     */
    default boolean isAvailable(MetaKubeConfig config) {
        return true;
    }

    /** What this provider needs to be available, in words; empty when it needs nothing. */
    default String requirement() {
        return "";
    }

    /**
     * Creates the backend.
     *
     * @throws dev.metakube.api.BackendUnavailableException when it cannot start
     * @throws dev.metakube.api.InvalidInputException when the configuration is wrong for it
     */
    T create(MetaKubeConfig config);
}
