package dev.metakube.llm.diagnose;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Pathway;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.llm.generate.Cancellation;
import dev.metakube.llm.generate.GenerationResult;
import dev.metakube.llm.generate.Generator;
import dev.metakube.llm.generate.SamplingParams;
import dev.metakube.llm.generate.Decoding;
import dev.metakube.llm.lora.LoraAdapter;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.tokenizer.ChatTemplate;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import dev.metakube.llm.prompt.AnswerValidator;
import dev.metakube.llm.prompt.DiagnosisParser;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelOutputException;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.TextCompletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KubeLLM: the Qwen3 decoder writing diagnoses (paper 3.2). The intuitive mode answers briefly at low temperature
 * from the recalled memories; the analytical mode adds the causal chains and may think first (a bounded
 * {@code <think>} block). The answer is decoded under the diagnosis JSON schema ({@link JsonDecoder}), parsed
 * ({@link DiagnosisParser}) and checked against the request ({@link AnswerValidator}); if that fails it is retried
 * once greedily without thinking, then reported as {@link ModelOutputException}.
 *
 * <p>It also completes free-form prompts ({@link TextCompletion}), for example as judge of an evaluation: the prompt
 * is one user turn with thinking off, sampled as Qwen3 recommends for that mode (temperature 0.7, top-k 20, top-p
 * 0.8) from {@code metakube.model.seed} mixed with the request's seed; an integer-object format is decoded under
 * its constraint ({@link JsonDecoder#integers}). Calls, diagnoses and completions alike, are serialized.
 */
public final class Qwen3DiagnosticModel implements DiagnosticModel, TextCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(Qwen3DiagnosticModel.class);
    /** Tokens reserved for the JSON answer by default when fitting the prompt into the context. */
    static final int ANSWER_TOKENS = 1536;

    private final ModelSettings settings;
    private final Qwen3Model model;
    private final Qwen3Tokenizer tokenizer;
    private final Generator generator;
    private final PromptBuilder prompts;
    private final JsonDecoder decoder;
    private final int[] thinkTokens;
    private final String name;

    private Qwen3DiagnosticModel(ModelSettings settings, Qwen3Model model, Qwen3Tokenizer tokenizer) {
        this.settings = settings;
        this.model = model;
        this.tokenizer = tokenizer;
        this.generator = new Generator(model, tokenizer);
        this.prompts = new PromptBuilder(tokenizer);
        this.decoder = new JsonDecoder(tokenizer);
        List<Integer> think = new ArrayList<>();
        for (int id = 0; id < Math.min(tokenizer.size(), model.config().vocabSize()); id++) {
            if (!tokenizer.isSpecial(id) && id != Qwen3Tokenizer.THINK) {
                think.add(id);
            }
        }
        this.thinkTokens = think.stream().mapToInt(Integer::intValue).toArray();
        this.name = "qwen3:" + settings.dir().getFileName();
    }

    /**
     * Loads the model the settings describe.
     *
     * @throws BackendUnavailableException when a GPU is asked for and none is visible
     */
    public static Qwen3DiagnosticModel open(ModelSettings settings) {
        DjlPrivacy.apply();
        Device device = Device.cpu();
        if (settings.gpu()) {
            if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
                throw new BackendUnavailableException("metakube.model.device=gpu but PyTorch sees no GPU: build with"
                        + " -Pcuda (pytorch-native-cu124) and make libcudart.so visible (see the module README)");
            }
            device = Device.gpu();
        }
        Qwen3Tokenizer tokenizer = Qwen3Tokenizer.forModel(settings.dir());
        try (Checkpoint ck = Checkpoint.open(settings.dir());
             LoraAdapter adapter = settings.adapter() == null ? null : LoraAdapter.open(settings.adapter())) {
            if (ck.config().vocabSize() < tokenizer.size()) {
                throw new dev.metakube.api.InvalidInputException("model.dir", "vocab_size "
                        + ck.config().vocabSize() + " is smaller than the tokenizer's " + tokenizer.size() + " ids");
            }
            Qwen3Model m = Qwen3Model.load(ck, adapter, device, settings.dtype(), 40_960);
            return new Qwen3DiagnosticModel(settings, m, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The decoder, for callers that generate free text with the same weights. */
    public Generator generator() {
        return generator;
    }

    @Override
    public ModelAnswer answer(ModelRequest request) {
        return answer(request, null, null);
    }

    /**
     * Answers a request, streaming the model's text as it is produced.
     *
     * @param onText       receives text as it is produced (thinking included), or null
     * @param cancellation stops the generation between tokens, or null
     * @throws ModelOutputException when no valid answer came out of two attempts, or when cancelled
     */
    public synchronized ModelAnswer answer(ModelRequest request, Consumer<String> onText, Cancellation cancellation) {
        boolean analytical = request.mode() == Pathway.ANALYTICAL;
        long seed = settings.seed() * 31 + request.incident().id().hashCode();
        SamplingParams first = analytical ? new SamplingParams(0.6, 20, 0.95, seed)
                : new SamplingParams(0.3, 20, 0.8, seed);
        String problem;
        try {
            return attempt(request, first, analytical && settings.thinkingTokens() > 0, onText, cancellation, false);
        } catch (DiagnosisParser.Malformed | JsonDecoder.DecodingStopped e) {
            problem = e.getMessage();
        }
        if (cancellation != null && cancellation.isCancelled()) {
            throw new ModelOutputException("the generation was cancelled");
        }
        LOG.warn("model output unusable ({}); retrying once, greedily, without thinking", problem);
        try {
            return attempt(request, SamplingParams.GREEDY, false, onText, cancellation, true);
        } catch (DiagnosisParser.Malformed | JsonDecoder.DecodingStopped e) {
            throw new ModelOutputException("the model produced no usable diagnosis: first attempt: " + problem
                    + "; retry: " + e.getMessage());
        }
    }

    private ModelAnswer attempt(ModelRequest request, SamplingParams sampling, boolean thinking,
                                Consumer<String> onText, Cancellation cancellation, boolean retry)
            throws DiagnosisParser.Malformed {
        boolean analytical = request.mode() == Pathway.ANALYTICAL;
        int context = Math.min(request.contextTokens(), model.maxContext());
        int reserve = settings.answerTokens() + (thinking ? settings.thinkingTokens() + 4 : 0);
        if (context <= reserve + 256) {
            throw new dev.metakube.api.InvalidInputException("request.contextTokens", context
                    + " tokens leave no room for a prompt next to the " + reserve + " reserved for the answer");
        }
        PromptBuilder.Prompt prompt = prompts.build(request, thinking, context - reserve);
        List<String> notes = new ArrayList<>(prompt.notes());
        if (retry) {
            notes.add("the first answer was unusable; this one came from a greedy retry");
        }
        String output;
        try (Decoding s = generator.decoding(Math.min(context, prompt.ids().length + reserve), sampling)) {
            s.feed(prompt.ids());
            StringBuilder thought = new StringBuilder();
            if (thinking) {
                think(s, thought, onText, cancellation);
            }
            if (settings.constrained()) {
                JsonDecoder.Limits limits = analytical
                        ? new JsonDecoder.Limits(retry ? 3 : 6, retry ? 2 : 4, retry ? 1 : 3, retry ? 2 : 4, 200)
                        : new JsonDecoder.Limits(retry ? 2 : 4, 2, 2, 2, 160);
                output = thought + decoder.decode(s, limits, onText, cancellation).json();
            } else {
                output = thought + free(s, onText, cancellation);
            }
        }
        DiagnosisParser.Parsed parsed = DiagnosisParser.parse(output);
        notes.addAll(parsed.repairs());
        return AnswerValidator.validate(parsed.answer(), request, notes);
    }

    /** This model completes free-form prompts too. */
    @Override
    public Optional<TextCompletion> completion() {
        return Optional.of(this);
    }

    /**
     * Completes a prompt (see the class comment for how).
     *
     * @throws dev.metakube.api.InvalidInputException when the prompt leaves no room in the model's context
     */
    @Override
    public synchronized String complete(TextCompletion.Request request) {
        String chat = ChatTemplate.render(List.of(new ChatTemplate.Message("user",
                prompts.defuseControlTokens(request.prompt()))), false);
        int[] ids = tokenizer.encode(chat);
        SamplingParams sampling = new SamplingParams(0.7, 20, 0.8, settings.seed() * 31 + request.seed());
        if (request.format() == null) {
            GenerationResult r = generator.generate(new Generator.Request(ids, request.maxNewTokens(),
                    Set.of(Qwen3Tokenizer.IM_END, Qwen3Tokenizer.END_OF_TEXT), List.of(), sampling), null, null);
            return r.text();
        }
        int room = decoder.integerTokens(request.format());
        if (ids.length + room > model.maxContext()) {
            throw new dev.metakube.api.InvalidInputException("completion.prompt", "prompt of " + ids.length
                    + " tokens leaves no room for the " + room + "-token answer in a context of " + model.maxContext());
        }
        try (Decoding s = generator.decoding(ids.length + room, sampling)) {
            s.feed(ids);
            return decoder.integers(s, request.format(), null);
        } catch (JsonDecoder.DecodingStopped e) {
            throw new ModelOutputException("the constrained completion stopped: " + e.getMessage());
        }
    }

    /** A bounded thinking block: free tokens until {@code </think>} or the budget, which then closes it. */
    private void think(Decoding s, StringBuilder out, Consumer<String> onText, Cancellation cancellation) {
        s.feed(Qwen3Tokenizer.THINK, tokenizer.encode("\n")[0]);
        out.append("<think>\n");
        Qwen3Tokenizer.StreamDecoder d = tokenizer.streamDecoder();
        for (int i = 0; i < settings.thinkingTokens(); i++) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new JsonDecoder.DecodingStopped("cancelled");
            }
            int t = s.choose(thinkTokens);
            if (t == Qwen3Tokenizer.END_THINK) {
                break;
            }
            s.feed(t);
            String piece = d.add(t);
            out.append(piece);
            if (onText != null) {
                onText.accept(piece);
            }
        }
        int[] close = tokenizer.encode("</think>\n\n");
        s.feed(close);
        out.append("</think>\n\n");
    }

    /** Unconstrained decoding until an end token, for checkpoints trusted to write the JSON themselves. */
    private String free(Decoding s, Consumer<String> onText, Cancellation cancellation) {
        StringBuilder out = new StringBuilder();
        Qwen3Tokenizer.StreamDecoder d = tokenizer.streamDecoder();
        int[] known = generator.knownIds();
        for (int i = 0; i < settings.answerTokens() && s.length() < s.capacity(); i++) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new JsonDecoder.DecodingStopped("cancelled");
            }
            int t = s.choose(known);
            if (t == Qwen3Tokenizer.IM_END || t == Qwen3Tokenizer.END_OF_TEXT) {
                break;
            }
            String piece = d.add(t);
            out.append(piece);
            if (onText != null) {
                onText.accept(piece);
            }
            s.feed(t);
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        model.close();
        tokenizer.close();
    }
}
