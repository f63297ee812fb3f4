package dev.metakube.cli;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.PreparedExperience;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Providers;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Build step of the executable jar: analyses and embeds the bundled experience with the default graph and
 * embedder, so that a first start stores it instead of computing it ({@link PreparedExperience}).
 * Usage: {@code PrepareExperience OUT_FILE}.
 */
public final class PrepareExperience {
    private PrepareExperience() {
    }

    /**
     * Writes the prepared experience to {@code args[0]}.
     *
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PrepareExperience OUT_FILE");
        }
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).build();
        long t0 = System.nanoTime();
        try (EvidenceAnalyzer graph = Providers.select(EvidenceAnalyzerProvider.class, MetaKubeConfig.ANALYZER, config).create(config);
             Embedder embedder = Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER, config)
                     .create(config)) {
            int n = PreparedExperience.write(Path.of(args[0]), graph, embedder);
            System.out.printf("prepared %d experience records with %s in %d ms%n", n, embedder.model(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
