package dev.metakube.llm.qwen3embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.qwen3.KvCache;
import dev.metakube.llm.qwen3.Qwen3Config;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import dev.metakube.spi.Embedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qwen3EmbedderTest {
    /** Qwen3-Embedding's layout in miniature: tied head, real vocabulary. */
    static final Qwen3Config TINY_EMBED = new Qwen3Config(32, 2, 4, 2, 8, 64, 151_669, 1_000_000, 1e-6, true, 4096);

    @TempDir
    Path tmp;

    @Test
    void lastTokenPoolingNormalisedAndQueryFormat() {
        TinyCheckpoint.write(tmp, TINY_EMBED, 4, 1);
        Qwen3EmbedderProvider provider = new Qwen3EmbedderProvider();
        MetaKubeConfig config = MetaKubeConfig.builder().property(Qwen3EmbedderProvider.DIR, tmp.toString())
                .property(Qwen3EmbedderProvider.MAX_TOKENS, "256").build();
        assertTrue(provider.isAvailable(config));
        assertFalse(provider.isAvailable(MetaKubeConfig.defaults()));
        String text = "container api was OOMKilled with exit code 137";
        float[] doc;
        float[] query;
        try (Embedder e = provider.create(config)) {
            doc = e.embed(text);
            query = e.embedQuery(text);
            assertEquals(32, e.dimension());
            assertEquals(32, doc.length);
            double n = 0;
            for (float x : doc) {
                n += x * x;
            }
            assertEquals(1.0, n, 1e-5);
            assertArrayEquals(doc, e.embed(text), 1e-6f);
            assertNotEquals(java.util.Arrays.toString(doc), java.util.Arrays.toString(query));
            float[] longOne = e.embed("x ".repeat(5000));
            assertEquals(32, longOne.length);
            assertTrue(Float.isFinite(longOne[0]));
            assertTrue(e.model().startsWith("qwen3-embedding"));
        }
        // the same vector straight from the decoder: the hidden state of <|endoftext|> after the text, normalised
        try (Qwen3Tokenizer tok = Qwen3Tokenizer.bundled(); Checkpoint ck = Checkpoint.open(tmp);
             Qwen3Model m = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 512);
             KvCache cache = m.newCache(128)) {
            String q = "Instruct: " + Qwen3Embedder.DEFAULT_TASK + "\nQuery:" + text;
            int[] ids = tok.encode(q);
            int[] withEos = java.util.Arrays.copyOf(ids, ids.length + 1);
            withEos[ids.length] = Qwen3Tokenizer.END_OF_TEXT;
            float[] h = m.forward(withEos, cache, Qwen3Model.Output.LAST_HIDDEN);
            double n = 0;
            for (float x : h) {
                n += x * x;
            }
            for (int i = 0; i < h.length; i++) {
                assertEquals(h[i] / Math.sqrt(n), query[i], 1e-5);
            }
        }
    }
}
