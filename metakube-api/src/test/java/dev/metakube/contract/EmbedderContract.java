package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.spi.Embedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Embedder} must have. */
public abstract class EmbedderContract {
    protected Embedder embedder;

    protected abstract Embedder createEmbedder();

    @BeforeEach
    void open() {
        embedder = createEmbedder();
    }

    @AfterEach
    void close() {
        embedder.close();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void vectorsAreNormalisedAndDeterministic() {
        String text = "Back-off restarting failed container api in pod payments-api: OOMKilled, exit code 137";
        float[] a = embedder.embed(text);
        assertEquals(embedder.dimension(), a.length);
        assertEquals(1.0, cosine(a, a), 1e-3);
        assertArrayEquals(a, embedder.embed(text), 1e-6f);
        assertFalse(embedder.model().isBlank());
    }

    @Test
    void similarIncidentsAreCloserThanUnrelatedOnes() {
        float[] oom1 = embedder.embed("container api was OOMKilled with exit code 137 after exceeding its memory limit");
        float[] oom2 = embedder.embed("pod restarted: last state terminated, reason OOMKilled, memory limit 512Mi exceeded");
        float[] dns = embedder.embed("dial tcp: lookup orders.prod.svc.cluster.local on 10.96.0.10:53: no such host");
        assertTrue(cosine(oom1, oom2) > cosine(oom1, dns),
                "oom~oom " + cosine(oom1, oom2) + " vs oom~dns " + cosine(oom1, dns));
    }

    @Test
    void emptyAndOddTextStillEmbed() {
        for (String s : new String[] {"", " ", "\u0000\uFFFF", "x".repeat(50_000)}) {
            float[] v = embedder.embed(s);
            assertEquals(embedder.dimension(), v.length);
            for (float x : v) {
                assertTrue(Float.isFinite(x));
            }
        }
        assertEquals(embedder.dimension(), embedder.embedQuery("query text").length);
    }
}
