package dev.metakube.spi;

/** Finds and creates {@link Router} backends; list implementations in {@code META-INF/services/dev.metakube.spi.RouterProvider}. */
public interface RouterProvider extends Provider<Router> {
}
