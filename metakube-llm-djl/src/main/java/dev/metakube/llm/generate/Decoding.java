package dev.metakube.llm.generate;

import dev.metakube.llm.qwen3.KvCache;
import dev.metakube.llm.qwen3.Qwen3Model;

/**
 * One sequence being decoded: its KV cache and the logits after the last token fed. Forced tokens are fed
 * together in one forward pass. Closing it frees the cache. Not thread-safe.
 */
public final class Decoding implements AutoCloseable {
    private final Qwen3Model model;
    private final KvCache cache;
    private final Sampler sampler;
    private float[] logits;

    Decoding(Qwen3Model model, int capacity, SamplingParams sampling) {
        this.model = model;
        this.cache = model.newCache(capacity);
        this.sampler = new Sampler(sampling);
    }

    /** Runs tokens through the model; the next token's logits are then available. */
    public void feed(int... tokens) {
        logits = model.forward(tokens, cache, Qwen3Model.Output.LAST_LOGITS);
    }

    /** Chooses the next token among {@code allowed} (null: any) from the current logits. */
    public int choose(int[] allowed) {
        if (logits == null) {
            throw new IllegalStateException("feed the prompt first");
        }
        return sampler.sample(logits, allowed);
    }

    /** The logits after the last token fed (a copy). */
    public float[] logits() {
        return logits.clone();
    }

    /** Tokens in the cache. */
    public int length() {
        return cache.length();
    }

    /** Tokens the cache can hold. */
    public int capacity() {
        return cache.capacity();
    }

    @Override
    public void close() {
        cache.close();
    }
}
