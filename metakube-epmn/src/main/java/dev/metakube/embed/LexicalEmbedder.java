package dev.metakube.embed;

import dev.metakube.spi.Embedder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dependency-free embedder: signed feature hashing of word unigrams, word bigrams and character trigrams into
 * a fixed number of dimensions, with sublinear term weights, L2-normalised. It captures shared vocabulary
 * ({@code OOMKilled}, {@code exit code 137}, {@code no such host}), not meaning; it is the fallback when no
 * semantic model is on the class path.
 *
 * <p>Cost: linear in the text length (the text is cut at {@value #MAX_CHARS} characters). Thread-safe: no state.
 */
final class LexicalEmbedder implements Embedder {
    /** Texts are cut here: incident text beyond this adds little and would only cost time. */
    static final int MAX_CHARS = 16_384;
    private static final float WORD_WEIGHT = 1.0f;
    private static final float BIGRAM_WEIGHT = 0.7f;
    private static final float TRIGRAM_WEIGHT = 0.35f;

    private final int dimension;
    private final String model;

    LexicalEmbedder(int dimension) {
        if (dimension < 16) {
            throw new IllegalArgumentException("dimension must be at least 16, was " + dimension);
        }
        this.dimension = dimension;
        this.model = "lexical-hash-" + dimension;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[dimension];
        String t = text == null ? "" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> words = words(t);
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        String previous = null;
        for (String w : words) {
            counts.merge("w:" + w, 1, Integer::sum);
            if (previous != null) {
                counts.merge("b:" + previous + ' ' + w, 1, Integer::sum);
            }
            previous = w;
            if (w.length() >= 4) {
                String padded = '^' + w + '$';
                for (int i = 0; i + 3 <= padded.length(); i++) {
                    counts.merge("c:" + padded.substring(i, i + 3), 1, Integer::sum);
                }
            }
        }
        for (java.util.Map.Entry<String, Integer> e : counts.entrySet()) {
            String feature = e.getKey();
            float base = feature.charAt(0) == 'w' ? WORD_WEIGHT : feature.charAt(0) == 'b' ? BIGRAM_WEIGHT
                    : TRIGRAM_WEIGHT;
            float weight = base * (float) (1 + Math.log(e.getValue()));
            int h = murmur(feature);
            int index = Math.floorMod(h, dimension);
            v[index] += (h & 0x8000_0000) == 0 ? weight : -weight;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            // Nothing to hash (empty or symbol-only text): a fixed unit vector keeps the contract "normalised".
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Lower-cased runs of letters and digits; digits alone are kept (exit codes, ports). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else if (b.length() > 0) {
                out.add(b.toString().toLowerCase(Locale.ROOT));
                b.setLength(0);
            }
        }
        if (b.length() > 0) {
            out.add(b.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** 32-bit MurmurHash3 of the UTF-8 bytes: stable across JVMs, unlike {@link String#hashCode()} mixing. */
    static int murmur(String s) {
        byte[] data = s.getBytes(StandardCharsets.UTF_8);
        int h = 0x9747b28c;
        int n = data.length & ~3;
        for (int i = 0; i < n; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = data.length & 3;
        if (tail > 0) {
            int k = 0;
            if (tail == 3) {
                k ^= (data[n + 2] & 0xff) << 16;
            }
            if (tail >= 2) {
                k ^= (data[n + 1] & 0xff) << 8;
            }
            k ^= data[n] & 0xff;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
