package dev.metakube.llm.embed;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.Embedder;

/** Embeds one text with the default embedder and exits: run in a fresh JVM by {@link BgeNativesTest}. */
public final class EmbedOnce {
    private EmbedOnce() {
    }

    public static void main(String[] args) {
        try (Embedder e = new BgeSmallEmbedderProvider().create(MetaKubeConfig.defaults())) {
            float[] v = e.embed("pods of checkout restart with OOMKilled");
            System.out.println("dimension " + v.length);
        }
    }
}
