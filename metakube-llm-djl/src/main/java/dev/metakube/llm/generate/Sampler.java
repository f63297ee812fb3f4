package dev.metakube.llm.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses tokens from logits on the host: greedy, or temperature, top-k and top-p sampling from a seeded generator.
 * An optional mask restricts the choice (constrained decoding). Not thread-safe.
 */
public final class Sampler {
    private final SamplingParams params;
    private final SplittableRandom random;

    public Sampler(SamplingParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    /**
     * Chooses a token.
     *
     * @param logits  logits over the vocabulary
     * @param allowed the ids that may be chosen, or null for all
     */
    public int sample(float[] logits, int[] allowed) {
        int n = allowed == null ? logits.length : allowed.length;
        if (n == 0) {
            throw new IllegalArgumentException("no token is allowed");
        }
        if (params.greedy() || n == 1) {
            int best = id(allowed, 0);
            for (int i = 1; i < n; i++) {
                int id = id(allowed, i);
                if (logits[id] > logits[best] || Float.isNaN(logits[best])) {
                    best = id;
                }
            }
            return best;
        }
        // candidates sorted by logit, descending, cut to top-k
        int k = params.topK() > 0 ? Math.min(params.topK(), n) : n;
        int[] cand = topK(logits, allowed, n, k);
        double max = logits[cand[0]] / params.temperature();
        double[] p = new double[cand.length];
        double sum = 0;
        for (int i = 0; i < cand.length; i++) {
            p[i] = Math.exp(logits[cand[i]] / params.temperature() - max);
            sum += p[i];
        }
        int keep = cand.length;
        if (params.topP() < 1) {
            double acc = 0;
            for (int i = 0; i < cand.length; i++) {
                acc += p[i] / sum;
                if (acc >= params.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += p[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= p[i];
            if (r <= 0) {
                return cand[i];
            }
        }
        return cand[keep - 1];
    }

    private static int id(int[] allowed, int i) {
        return allowed == null ? i : allowed[i];
    }

    private static int[] topK(float[] logits, int[] allowed, int n, int k) {
        if (k == n) {
            Integer[] all = new Integer[n];
            for (int i = 0; i < n; i++) {
                all[i] = id(allowed, i);
            }
            Arrays.sort(all, (a, b) -> Float.compare(logits[b], logits[a]) != 0 ? Float.compare(logits[b], logits[a])
                    : Integer.compare(a, b));
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = all[i];
            }
            return out;
        }
        // partial selection: keep a sorted buffer of the k best (k is small: 20 for Qwen3)
        int[] best = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int id = id(allowed, i);
            float v = logits[id];
            if (size == k && !(v > logits[best[k - 1]])) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && v > logits[best[pos - 1]]) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = id;
        }
        return Arrays.copyOf(best, size);
    }
}
