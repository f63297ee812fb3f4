package dev.metakube.llm.diagnose;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One tiny random checkpoint over the real vocabulary, written once per test JVM. */
final class TinyModels {
    private static Path dir;

    private TinyModels() {
    }

    static synchronized Path checkpoint() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("metakube-tiny-qwen3");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TinyCheckpoint.write(dir, TinyCheckpoint.TINY, 42, 1);
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    static MetaKubeConfig config(int thinkingTokens) {
        return MetaKubeConfig.builder().property(ModelSettings.DIR, checkpoint().toString())
                .property(ModelSettings.THINKING, Integer.toString(thinkingTokens)).build();
    }
}
