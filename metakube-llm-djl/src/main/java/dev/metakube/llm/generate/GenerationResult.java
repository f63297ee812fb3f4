package dev.metakube.llm.generate;

/**
 * What a generation produced.
 *
 * @param tokens       the generated ids (the eos id that stopped it excluded)
 * @param text         their text (a stop string and what follows it excluded)
 * @param reason       why it stopped
 * @param promptTokens prompt length in tokens
 * @param prefillNanos time of the prompt's forward pass, ns
 * @param decodeNanos  time of the decoding steps, ns
 */
public record GenerationResult(int[] tokens, String text, StopReason reason, int promptTokens, long prefillNanos,
                               long decodeNanos) {
    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
