package dev.metakube.spi;

/**
 * Finds and creates {@link EvidenceAnalyzer} backends; list implementations in
 * {@code META-INF/services/dev.metakube.spi.EvidenceAnalyzerProvider}.
 */
public interface EvidenceAnalyzerProvider extends Provider<EvidenceAnalyzer> {
}
