package dev.metakube.spi;

/** Finds and creates {@link DiagnosticModel} backends; list implementations in {@code META-INF/services/dev.metakube.spi.DiagnosticModelProvider}. */
public interface DiagnosticModelProvider extends Provider<DiagnosticModel> {
}
