package dev.metakube.llm.generate;

import dev.metakube.api.InvalidInputException;

/**
 * How the next token is chosen.
 *
 * @param temperature 0 for greedy decoding; otherwise logits are divided by it
 * @param topK        keep the k most likely tokens (0: all)
 * @param topP        keep the smallest set whose probability reaches p (1: all)
 * @param seed        the random seed: the same seed, prompt and model give the same tokens
 */
public record SamplingParams(double temperature, int topK, double topP, long seed) {
    /** Greedy decoding. */
    public static final SamplingParams GREEDY = new SamplingParams(0, 0, 1, 0);

    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("sampling.temperature", "must be finite and >= 0, was " + temperature);
        }
        if (topK < 0) {
            throw new InvalidInputException("sampling.topK", "must be >= 0, was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidInputException("sampling.topP", "must be in (0, 1], was " + topP);
        }
    }

    /** Whether decoding is greedy. */
    public boolean greedy() {
        return temperature == 0;
    }
}
