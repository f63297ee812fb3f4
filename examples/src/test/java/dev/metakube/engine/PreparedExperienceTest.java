package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Providers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The prepared experience the build puts in the jar is what a first start would compute from the bundled
 * records with the default graph and embedder: same records in the same order, same texts, contexts,
 * signals and cause templates, same vectors (up to float noise). It cannot go stale: the build makes it, and a change of the records
 * makes the engine ignore it.
 */
class PreparedExperienceTest {
    @Test
    void matchesWhatAFirstStartComputes() {
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).build();
        try (EvidenceAnalyzer graph = Providers.select(EvidenceAnalyzerProvider.class, MetaKubeConfig.ANALYZER, config).create(config);
             Embedder embedder = Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER, config)
                     .create(config)) {
            Optional<List<SeedExperience.Prepared>> bundled = PreparedExperience.bundled(graph, embedder);
            assertTrue(bundled.isPresent(), "no prepared experience for " + graph.getClass().getName() + " and "
                    + embedder.model() + " made from the bundled records: run the build (process-classes)");
            List<SeedExperience.Record> records = SeedExperience.load();
            List<SeedExperience.Prepared> fresh = SeedExperience.prepare(records, graph, embedder, Instant.now());
            List<SeedExperience.Prepared> shipped = bundled.get();
            assertEquals(records.size(), shipped.size());
            assertTrue(records.size() > 100, "the bundled experience has " + records.size() + " records");
            for (int i = 0; i < fresh.size(); i++) {
                SeedExperience.Prepared f = fresh.get(i);
                SeedExperience.Prepared s = shipped.get(i);
                assertEquals(f.id(), s.id());
                assertEquals(f.text(), s.text(), f.id());
                assertEquals(f.context(), s.context(), f.id());
                assertEquals(f.signalKeys(), s.signalKeys(), f.id());
                assertEquals(f.rootCauseTemplate(), s.rootCauseTemplate(), f.id());
                assertEquals(f.solutionTemplate(), s.solutionTemplate(), f.id());
                assertEquals(f.embedding().model(), s.embedding().model(), f.id());
                float[] a = f.embedding().vector();
                float[] b = s.embedding().vector();
                assertEquals(a.length, b.length, f.id());
                for (int j = 0; j < a.length; j++) {
                    assertEquals(a[j], b[j], 1e-4, f.id() + "[" + j + "]");
                }
            }
        }
    }
}
