package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.spi.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {
    /** Counts the texts it embeds; a query vector differs from the document vector of the same text. */
    private static final class Counting implements Embedder {
        final List<String> queried = new ArrayList<>();
        boolean closed;

        @Override
        public String model() {
            return "counting";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] embed(String text) {
            return new float[] {text.length(), 1};
        }

        @Override
        public float[] embedQuery(String text) {
            queried.add(text);
            return new float[] {text.length(), 2};
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aRepeatedQueryTextIsEmbeddedOnceWithTheSameVector() {
        Counting inner = new Counting();
        Embedder cached = QueryEmbeddingCache.over(inner, 2);
        float[] first = cached.query("OOMKilled in <object>").vector();
        float[] again = cached.query("OOMKilled in <object>").vector();
        assertArrayEquals(new float[] {21, 2}, first);
        assertArrayEquals(first, again);
        assertNotSame(first, again, "callers get their own copy");
        assertEquals(List.of("OOMKilled in <object>"), inner.queried);
        assertEquals("counting", cached.query("x").model());
        assertArrayEquals(new float[] {3, 1}, cached.document("abc").vector(), "documents are not cached");
        cached.close();
        assertTrue(inner.closed);
    }

    @Test
    void keepsTheMostRecentlyUsedTextsOnly() {
        Counting inner = new Counting();
        Embedder cached = QueryEmbeddingCache.over(inner, 2);
        cached.embedQuery("a");
        cached.embedQuery("bb");
        cached.embedQuery("a");
        cached.embedQuery("ccc"); // evicts "bb", the least recently used
        cached.embedQuery("a");
        cached.embedQuery("bb");
        assertEquals(List.of("a", "bb", "ccc", "bb"), inner.queried);
    }

    @Test
    void capacityZeroIsNoCache() {
        Counting inner = new Counting();
        assertSame(inner, QueryEmbeddingCache.over(inner, 0));
    }
}
