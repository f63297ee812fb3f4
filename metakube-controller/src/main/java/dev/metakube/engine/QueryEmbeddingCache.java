package dev.metakube.engine;

import dev.metakube.spi.Embedder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An embedder that remembers the query vectors of the last {@code capacity} texts it embedded. The text the engine
 * embeds is an incident's masked salient text ({@link IncidentText}): the symptoms and telling lines with the names,
 * ids and numbers of the instance replaced by placeholders, so a fault that recurs (the same crash in another pod,
 * another restart count, the same alert firing again) asks for the very same text, and a semantic embedder, tens
 * of milliseconds on a CPU, need not run again. A vector is a pure function of the text, so the cache changes no
 * result. Documents (stored episodes) are not cached: each is embedded once anyway. Thread-safe.
 */
final class QueryEmbeddingCache implements Embedder {
    /** Configuration property: query texts whose vectors are kept; 0 turns the cache off. */
    static final String CAPACITY = "metakube.embedder.queryCache";
    /** About 1.5 KiB per entry at 384 dimensions. */
    static final int DEFAULT_CAPACITY = 512;

    private final Embedder embedder;
    private final Map<String, float[]> recent;

    QueryEmbeddingCache(Embedder embedder, int capacity) {
        this.embedder = embedder;
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** {@code embedder} behind a cache of {@code capacity} query vectors, or {@code embedder} itself for 0. */
    static Embedder over(Embedder embedder, int capacity) {
        return capacity == 0 ? embedder : new QueryEmbeddingCache(embedder, capacity);
    }

    @Override
    public String model() {
        return embedder.model();
    }

    @Override
    public int dimension() {
        return embedder.dimension();
    }

    @Override
    public float[] embed(String text) {
        return embedder.embed(text);
    }

    @Override
    public float[] embedQuery(String text) {
        float[] v;
        synchronized (recent) {
            v = recent.get(text);
        }
        if (v == null) {
            // computed outside the lock: two threads may embed one text at once, and both get the same vector
            v = embedder.embedQuery(text);
            synchronized (recent) {
                recent.put(text, v);
            }
        }
        return v.clone();
    }

    @Override
    public void close() {
        embedder.close();
    }

    @Override
    public String toString() {
        return embedder.toString();
    }
}
