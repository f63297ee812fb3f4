package dev.metakube.llm.qwen3embed;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Provides {@link Qwen3Embedder} as {@code qwen3-embedding} (priority 110, above the bundled bge-small) when
 * {@code metakube.embedder.dir} names a Qwen3-Embedding checkpoint; {@code metakube.embedder.task} sets the query
 * instruction and {@code metakube.embedder.maxTokens} the input limit (8,192).
 */
public final class Qwen3EmbedderProvider implements EmbedderProvider {
    public static final String DIR = "metakube.embedder.dir";
    public static final String TASK = "metakube.embedder.task";
    public static final String MAX_TOKENS = "metakube.embedder.maxTokens";

    @Override
    public String name() {
        return "qwen3-embedding";
    }

    @Override
    public int priority() {
        return 110;
    }

    @Override
    public boolean isAvailable(MetaKubeConfig config) {
        return config.property(DIR).map(d -> Files.isRegularFile(Path.of(d).resolve("config.json"))).orElse(false);
    }

    @Override
    public String requirement() {
        return "set metakube.embedder.dir to a Qwen3-Embedding checkpoint directory";
    }

    @Override
    public Embedder create(MetaKubeConfig config) {
        String dir = config.property(DIR).orElseThrow(() -> new InvalidInputException(DIR, "is not set"));
        int max = config.intProperty(MAX_TOKENS, 8192, 16);
        return Qwen3Embedder.open(Path.of(dir), config.property(TASK).orElse(Qwen3Embedder.DEFAULT_TASK), max);
    }
}
