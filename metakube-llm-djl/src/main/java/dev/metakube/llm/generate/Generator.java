package dev.metakube.llm.generate;

import dev.metakube.api.InvalidInputException;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Autoregressive generation with a Qwen3 model: prefill the prompt in one pass, then one forward pass, one host copy
 * and one host-side sampling per token. Stops on any eos id, on a stop string, at the token limit, when the cache is
 * full or when cancelled. Not thread-safe (the model is not).
 */
public final class Generator {
    private final Qwen3Model model;
    private final Qwen3Tokenizer tokenizer;
    private final int[] known;

    public Generator(Qwen3Model model, Qwen3Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        // the embedding matrix is padded past the tokenizer's ids (151,936 rows for 151,669 ids): never emit those
        int vocab = model.config().vocabSize();
        if (vocab > tokenizer.size()) {
            known = new int[tokenizer.size()];
            for (int i = 0; i < known.length; i++) {
                known[i] = i;
            }
        } else {
            known = null;
        }
    }

    /** The ids the tokenizer can decode, or null when that is every row of the model's vocabulary. */
    public int[] knownIds() {
        return known == null ? null : known.clone();
    }

    /**
     * What to generate.
     *
     * @param prompt       prompt ids
     * @param maxNewTokens the most tokens to generate
     * @param eosIds       ids that end the sequence
     * @param stopStrings  texts that end the sequence (not included in the result)
     * @param sampling     how tokens are chosen
     */
    public record Request(int[] prompt, int maxNewTokens, Set<Integer> eosIds, List<String> stopStrings,
                          SamplingParams sampling) {
        public Request {
            if (prompt == null || prompt.length == 0) {
                throw new InvalidInputException("generation.prompt", "must not be empty");
            }
            prompt = prompt.clone();
            if (maxNewTokens < 1) {
                throw new InvalidInputException("generation.maxNewTokens", "must be positive, was " + maxNewTokens);
            }
            eosIds = eosIds == null ? Set.of() : Set.copyOf(eosIds);
            stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
            sampling = sampling == null ? SamplingParams.GREEDY : sampling;
        }

        @Override
        public int[] prompt() {
            return prompt.clone();
        }
    }

    /** Opens a decoding whose cache holds {@code capacity} tokens. */
    public Decoding decoding(int capacity, SamplingParams sampling) {
        return new Decoding(model, Math.min(capacity, model.maxContext()), sampling);
    }

    /**
     * Generates.
     *
     * @param request      what to generate
     * @param onText       receives text as it is produced (complete UTF-8 only), or null
     * @param cancellation checked between tokens, or null
     */
    public GenerationResult generate(Request request, Consumer<String> onText, Cancellation cancellation) {
        int[] prompt = request.prompt();
        int capacity = Math.min(model.maxContext(), prompt.length + request.maxNewTokens());
        if (prompt.length >= capacity) {
            throw new InvalidInputException("generation.prompt", "prompt of " + prompt.length
                    + " tokens leaves no room in a context of " + model.maxContext());
        }
        List<Integer> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Qwen3Tokenizer.StreamDecoder decoder = tokenizer.streamDecoder();
        int maxStop = request.stopStrings().stream().mapToInt(String::length).max().orElse(0);
        int emitted = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        long t0 = System.nanoTime();
        long t1;
        try (Decoding s = decoding(capacity, request.sampling())) {
            s.feed(prompt);
            t1 = System.nanoTime();
            while (true) {
                if (cancellation != null && cancellation.isCancelled()) {
                    reason = StopReason.CANCELLED;
                    break;
                }
                int next = s.choose(known);
                if (request.eosIds().contains(next)) {
                    reason = StopReason.EOS;
                    break;
                }
                out.add(next);
                text.append(decoder.add(next));
                int stopAt = firstStop(text, request.stopStrings(), Math.max(0, emitted - maxStop));
                if (stopAt >= 0) {
                    text.setLength(stopAt);
                    reason = StopReason.STOP_STRING;
                }
                // hold back what could still become the start of a stop string
                int safe = reason == StopReason.STOP_STRING ? text.length() : Math.max(emitted,
                        text.length() - Math.max(0, maxStop - 1));
                if (onText != null && safe > emitted) {
                    onText.accept(text.substring(emitted, safe));
                }
                emitted = Math.max(emitted, safe);
                if (reason == StopReason.STOP_STRING) {
                    break;
                }
                if (out.size() >= request.maxNewTokens()) {
                    reason = StopReason.MAX_TOKENS;
                    break;
                }
                if (s.length() >= s.capacity()) {
                    reason = StopReason.CONTEXT;
                    break;
                }
                s.feed(next);
            }
        }
        if (onText != null && text.length() > emitted) {
            onText.accept(text.substring(emitted));
        }
        long t2 = System.nanoTime();
        return new GenerationResult(out.stream().mapToInt(Integer::intValue).toArray(), text.toString(), reason,
                prompt.length, t1 - t0, t2 - t1);
    }

    private static int firstStop(StringBuilder text, List<String> stops, int from) {
        int best = -1;
        for (String stop : stops) {
            int i = text.indexOf(stop, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
