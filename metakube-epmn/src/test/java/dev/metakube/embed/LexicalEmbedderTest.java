package dev.metakube.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.EmbedderContract;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.Providers;
import org.junit.jupiter.api.Test;

class LexicalEmbedderTest extends EmbedderContract {
    @Override
    protected Embedder createEmbedder() {
        return new LexicalEmbedderProvider().create(MetaKubeConfig.defaults());
    }

    @Test
    void isTheFallbackProviderWith384Dimensions() {
        EmbedderProvider p = Providers.all(EmbedderProvider.class).stream()
                .filter(x -> x.name().equals("lexical")).findFirst().orElseThrow();
        assertEquals(10, p.priority());
        assertEquals(384, embedder.dimension());
        assertEquals("lexical-hash-384", embedder.model());
    }

    @Test
    void sharedVocabularyMeansHigherCosine() {
        float[] a = embedder.embed("x509: certificate has expired or is not yet valid");
        float[] b = embedder.embed("tls handshake failed: x509 certificate has expired");
        float[] c = embedder.embed("0/3 nodes are available: insufficient cpu");
        assertTrue(cosine(a, b) > 0.3, "cos " + cosine(a, b));
        assertTrue(cosine(a, b) > cosine(a, c) + 0.2);
    }

    private static double cosine(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
