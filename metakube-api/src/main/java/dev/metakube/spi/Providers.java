package dev.metakube.spi;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.MetaKubeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Discovers providers through {@link ServiceLoader}: the thread's context class loader first, then the loader
 * of this class. Nothing is cached here; callers discover once and keep what they chose.
 */
public final class Providers {
    private Providers() {
    }

    /** Every provider of {@code type} on the class path, highest priority first (ties by name). */
    public static <P extends Provider<?>> List<P> all(Class<P> type) {
        List<P> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, Providers.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                for (P p : ServiceLoader.load(type, loader)) {
                    if (seen.add(p.getClass().getName())) {
                        found.add(p);
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new BackendUnavailableException("a " + type.getSimpleName()
                        + " listed in META-INF/services could not be loaded: " + e.getMessage(), e);
            }
        }
        found.sort(Comparator.comparingInt((P p) -> -p.priority()).thenComparing(Provider::name));
        return List.copyOf(found);
    }

    /**
     * Chooses the provider of {@code type}: the one named in the configuration under {@code spi}, or else the
     * available one with the highest priority.
     *
     * @param spi the configuration key ({@link MetaKubeConfig#MEMORY}, ...)
     * @throws BackendUnavailableException naming what was found and what to add or set
     */
    public static <P extends Provider<?>> P select(Class<P> type, String spi, MetaKubeConfig config) {
        List<P> all = all(type);
        String found = all.isEmpty() ? "none" : all.stream()
                .map(p -> p.name() + " (priority " + p.priority() + (p.isAvailable(config) ? "" : ", unavailable") + ")")
                .collect(Collectors.joining(", "));
        String wanted = config.provider(spi).orElse(null);
        if (wanted != null) {
            for (P p : all) {
                if (p.name().equals(wanted)) {
                    if (!p.isAvailable(config)) {
                        throw new BackendUnavailableException("the " + spi + " provider '" + wanted
                                + "' is not available: " + p.requirement());
                    }
                    return p;
                }
            }
            throw new BackendUnavailableException("no " + type.getSimpleName() + " named '" + wanted
                    + "' on the class path; found: " + found);
        }
        for (P p : all) {
            if (p.isAvailable(config)) {
                return p;
            }
        }
        throw new BackendUnavailableException("no available " + type.getSimpleName() + " on the class path (found: "
                + found + "); add a module that provides one, such as " + hint(spi));
    }

    private static String hint(String spi) {
        switch (spi) {
            case MetaKubeConfig.MEMORY:
            case MetaKubeConfig.EMBEDDER:
                return "dev.metakube:metakube-epmn";
            case MetaKubeConfig.GRAPH:
            case MetaKubeConfig.ANALYZER:
                return "dev.metakube:metakube-graph";
            case ExperienceLog.STORE:
                return "dev.metakube:metakube-store-postgres";
            default:
                return "dev.metakube:metakube-controller";
        }
    }
}
