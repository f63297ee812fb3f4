package dev.metakube.llm.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.EmbedderContract;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Providers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract, plus semantics that a bag of words cannot have, run offline (-Dai.djl.offline=true). */
class BgeSmallEmbedderTest extends EmbedderContract {
    /** One model for the whole class: loading it takes a second or two. */
    private static Embedder shared;

    @BeforeAll
    static void load() {
        shared = new BgeSmallEmbedderProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void unload() {
        shared.close();
    }

    @Override
    protected Embedder createEmbedder() {
        return new Embedder() {
            @Override
            public String model() {
                return shared.model();
            }

            @Override
            public int dimension() {
                return shared.dimension();
            }

            @Override
            public float[] embed(String text) {
                return shared.embed(text);
            }
        };
    }

    private static double cos(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    @Test
    void isTheDefaultProviderAndRunsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        EmbedderProvider p = Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                MetaKubeConfig.defaults());
        assertEquals("bge-small-en-v1.5", p.name());
        assertEquals(100, p.priority());
        assertEquals(384, shared.dimension());
        assertEquals("bge-small-en-v1.5", shared.model());
    }

    @Test
    void paraphrasesWithoutSharedWordsAreClose() {
        // no content word in common: only a semantic model brings these together
        float[] a = shared.embed("the container ran out of memory and the kernel killed it");
        float[] b = shared.embed("pod terminated with reason OOMKilled after exceeding its RAM limit");
        float[] c = shared.embed("the image tag could not be found in the registry");
        assertTrue(cos(a, b) > cos(a, c) + 0.05, "oom~oom " + cos(a, b) + " vs oom~image " + cos(a, c));
    }

    @Test
    void longInputIsTruncatedNotRejected() {
        String longText = "Back-off restarting failed container. ".repeat(2_000);
        float[] v = shared.embed(longText);
        assertEquals(384, v.length);
        assertTrue(cos(v, shared.embed("Back-off restarting failed container.")) > 0.8);
    }
}
