package dev.metakube.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.metakube.api.Evidence;
import dev.metakube.api.InvalidInputException;
import dev.metakube.llm.prompt.AnswerValidator;
import dev.metakube.llm.prompt.DiagnosisParser;
import dev.metakube.llm.prompt.DiagnosisPrompt;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelOutputException;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.TextCompletion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A diagnostic model served over the OpenAI chat-completions API (vLLM, llama.cpp's server, Ollama...), through
 * langchain4j's OpenAI client. The prompt is the one every backend shares ({@link DiagnosisPrompt}), built from the
 * request, which the engine has already redacted; nothing else leaves the process. The answer is asked for as a JSON
 * object matching a schema where the server supports one (a server that rejects the schema is asked without it from
 * then on) and is read and checked like the in-process model's ({@link DiagnosisParser}, {@link AnswerValidator}).
 *
 * <p>A 429 or 5xx answer is retried a bounded number of times; repeated failures open a circuit breaker. When the
 * server cannot answer (refused, timed out, failing, circuit open) or its answer is not a usable diagnosis, the
 * fallback model (the template model) writes the diagnosis and a note says why. Thread-safe.
 */
final class ServedDiagnosticModel implements DiagnosticModel, TextCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(ServedDiagnosticModel.class);
    /** A conservative estimate for English text, logs and YAML; the server's tokenizer is not known here. */
    static final int CHARS_PER_TOKEN = 3;
    /** Control tokens of common chat templates (Qwen, Llama, Mistral): data must not open or close a turn. */
    private static final List<String> CONTROL_TOKENS = List.of("<|im_start|>", "<|im_end|>", "<|endoftext|>",
            "<think>", "</think>", "<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>",
            "[INST]", "[/INST]", "<s>", "</s>");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServedModelSettings settings;
    private final ChatModel chat;
    private final DiagnosticModel fallback;
    private final CircuitBreaker breaker;
    /** Set once the server has rejected a JSON schema (when the schema is on "auto"). */
    private volatile boolean schemaRejected;

    ServedDiagnosticModel(ServedModelSettings settings, DiagnosticModel fallback, Clock clock) {
        this.settings = settings;
        this.fallback = fallback;
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerCooldown(), clock);
        // retries are ours (429 and 5xx only, bounded); the client's own would also retry timeouts
        this.chat = OpenAiChatModel.builder().baseUrl(settings.baseUrl()).apiKey(settings.apiKey())
                .modelName(settings.modelName()).timeout(settings.timeout()).maxRetries(0).build();
    }

    @Override
    public String name() {
        return "openai:" + settings.modelName();
    }

    @Override
    public ModelAnswer answer(ModelRequest request) {
        String where = "the model server at " + settings.baseUrl();
        if (!breaker.allow()) {
            return fallback(request, where + " was not asked: its last " + settings.breakerFailures()
                    + " calls failed (asked again after " + breaker.openUntil() + ")");
        }
        Prompt prompt = prompt(request);
        String text;
        try {
            text = call(prompt.system(), prompt.user(), settings.maxOutputTokens(), null, DiagnosisFormat.DIAGNOSIS);
            breaker.success();
        } catch (Unanswered e) {
            breaker.failure();
            return fallback(request, where + " did not answer: " + e.getMessage());
        }
        DiagnosisParser.Parsed parsed;
        try {
            parsed = DiagnosisParser.parse(text);
        } catch (DiagnosisParser.Malformed e) {
            return fallback(request, "the served model's answer was not a usable diagnosis: " + e.getMessage());
        }
        List<String> notes = new ArrayList<>(prompt.notes());
        parsed.repairs().forEach(r -> notes.add("model output repaired: " + r));
        return AnswerValidator.validate(parsed.answer(), request, notes);
    }

    private ModelAnswer fallback(ModelRequest request, String why) {
        LOG.warn("{}; {}", why, fallback == null ? "no fallback model" : "the " + fallback.name() + " model answers");
        if (fallback == null) {
            throw new ModelOutputException(why + "; no fallback model is on the class path (add metakube-controller)");
        }
        ModelAnswer a = fallback.answer(request);
        List<String> notes = new ArrayList<>();
        notes.add(why + "; the " + fallback.name() + " model wrote this diagnosis instead");
        notes.addAll(a.notes());
        return new ModelAnswer(a.category(), a.rootCause(), a.causalChain(), a.remediation(), a.prevention(),
                a.hypotheses(), a.confidence(), notes);
    }

    @Override
    public Optional<TextCompletion> completion() {
        return Optional.of(this);
    }

    @Override
    public String complete(Request request) {
        if (!breaker.allow()) {
            throw new ModelOutputException("the model server at " + settings.baseUrl() + " was not asked: its last "
                    + settings.breakerFailures() + " calls failed");
        }
        String prompt = defuse(request.prompt());
        String text;
        try {
            text = call(null, prompt, request.maxNewTokens(), request.seed(),
                    request.format() == null ? null : DiagnosisFormat.integers(request.format()));
            breaker.success();
        } catch (Unanswered e) {
            breaker.failure();
            throw new ModelOutputException("the model server at " + settings.baseUrl() + " did not answer: "
                    + e.getMessage(), e);
        }
        return request.format() == null ? text : integers(text, request.format());
    }

    /** The one object of the format's integer fields, in its order, or an exception saying what was wrong. */
    static String integers(String text, IntegerObject format) {
        String t = text.strip();
        int endThink = t.lastIndexOf("</think>");
        t = endThink >= 0 ? t.substring(endThink + "</think>".length()).strip() : t;
        JsonNode root;
        try {
            root = JSON.readTree(t);
        } catch (JsonProcessingException e) {
            throw new ModelOutputException("the served model did not write a JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.size() != format.fields().size()) {
            throw new ModelOutputException("the served model did not write an object of exactly the fields "
                    + format.fields());
        }
        StringBuilder b = new StringBuilder("{");
        for (String f : format.fields()) {
            JsonNode v = root.get(f);
            if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < format.min()
                    || v.asInt() > format.max()) {
                throw new ModelOutputException("the served model's field '" + f + "' is not an integer in ["
                        + format.min() + ", " + format.max() + "]");
            }
            b.append(b.length() > 1 ? ", " : "").append('"').append(f).append("\": ").append(v.asInt());
        }
        return b.append('}').toString();
    }

    /** The server could not answer; the message says how. */
    static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One chat turn, with bounded retries of 429 and 5xx answers; a rejected schema is dropped once. */
    private String call(String system, String user, int maxTokens, Long seed, ResponseFormat format)
            throws Unanswered {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(SystemMessage.from(system));
        }
        messages.add(UserMessage.from(user));
        for (int attempt = 0; ; attempt++) {
            boolean schema = format != null && !Boolean.FALSE.equals(settings.jsonSchema()) && !schemaRejected;
            OpenAiChatRequestParameters.Builder p = OpenAiChatRequestParameters.builder().temperature(0.0)
                    .maxOutputTokens(maxTokens);
            if (schema) {
                p.responseFormat(format);
            }
            if (seed != null) {
                p.seed((int) (seed ^ (seed >>> 32)));
            }
            try {
                ChatResponse r = chat.chat(ChatRequest.builder().messages(messages).parameters(p.build()).build());
                String text = r.aiMessage() == null ? null : r.aiMessage().text();
                return text == null ? "" : text;
            } catch (RuntimeException e) {
                Failure f = Failure.of(e, settings);
                if (f.status() == 400 && schema && settings.jsonSchema() == null) {
                    schemaRejected = true;
                    LOG.info("the model server rejected the JSON schema ({}); asking without it from now on",
                            f.reason());
                    continue;
                }
                if (f.retriable() && attempt < settings.retries()) {
                    LOG.debug("model server: {}; retry {} of {}", f.reason(), attempt + 1, settings.retries());
                    pause(250L << attempt);
                    continue;
                }
                throw new Unanswered(f.reason() + (attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""), e);
            }
        }
    }

    private static void pause(long millis) throws Unanswered {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while waiting to retry", e);
        }
    }

    /**
     * What a failed call means.
     *
     * @param status    the HTTP status, or 0 when there was no answer
     * @param retriable whether it is a 429 or 5xx answer
     * @param reason    in words, for a note
     */
    record Failure(int status, boolean retriable, String reason) {
        static Failure of(Throwable e, ServedModelSettings s) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof dev.langchain4j.exception.HttpException h) {
                    int code = h.statusCode();
                    return new Failure(code, code == 429 || code >= 500, "HTTP " + code + brief(h.getMessage()));
                }
                if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                    return new Failure(0, false, "no answer within " + s.timeout().toSeconds() + " s");
                }
                if (t instanceof java.net.ConnectException) {
                    return new Failure(0, false, "connection refused");
                }
                if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                    return new Failure(0, false, "unknown host");
                }
            }
            if (e instanceof dev.langchain4j.exception.TimeoutException) {
                return new Failure(0, false, "no answer within " + s.timeout().toSeconds() + " s");
            }
            if (e instanceof dev.langchain4j.exception.RateLimitException) {
                return new Failure(429, true, "HTTP 429" + brief(e.getMessage()));
            }
            if (e instanceof dev.langchain4j.exception.InternalServerException) {
                return new Failure(500, true, "HTTP 5xx" + brief(e.getMessage()));
            }
            return new Failure(0, false, e.getClass().getSimpleName() + brief(e.getMessage()));
        }

        private static String brief(String message) {
            if (message == null || message.isBlank()) {
                return "";
            }
            String m = message.replaceAll("\\s+", " ").strip();
            return ": " + (m.length() > 160 ? m.substring(0, 160) + "…" : m);
        }
    }

    /**
     * The chat messages for a request, fitted to the context.
     *
     * @param notes what a person should know (truncation)
     */
    record Prompt(String system, String user, List<String> notes) {
    }

    /** The shared prompt, its evidence truncated (head and tail kept) when it would not fit the context. */
    Prompt prompt(ModelRequest r) {
        String system = DiagnosisPrompt.system(r.mode());
        List<Evidence> evidence = r.incident().evidence();
        String user = DiagnosisPrompt.user(r, evidence, ServedDiagnosticModel::defuse);
        long budget = (long) (settings.contextTokens() - settings.maxOutputTokens()) * CHARS_PER_TOKEN;
        if (system.length() + user.length() <= budget) {
            return new Prompt(system, user, List.of());
        }
        List<Evidence> empty = new ArrayList<>();
        for (Evidence e : evidence) {
            empty.add(new Evidence(e.kind(), e.source(), ""));
        }
        long base = system.length() + DiagnosisPrompt.user(r, empty, ServedDiagnosticModel::defuse).length();
        long room = budget - base;
        // each cut adds a marker of about 40 characters
        if (room < 64L * Math.max(1, evidence.size())) {
            throw new InvalidInputException("incident", "the prompt does not fit the served model's context of "
                    + settings.contextTokens() + " tokens even without evidence; shorten the symptoms, or raise"
                    + " config.contextTokens to the server's context");
        }
        int total = evidence.stream().mapToInt(e -> e.text().length()).sum();
        double fraction = (room - 48.0 * evidence.size()) / total;
        List<Evidence> shorter = new ArrayList<>();
        int kept = 0;
        for (Evidence e : evidence) {
            String t = DiagnosisPrompt.cut(e.text(), (int) (e.text().length() * fraction));
            kept += Math.min(t.length(), e.text().length());
            shorter.add(new Evidence(e.kind(), e.source(), t));
        }
        return new Prompt(system, DiagnosisPrompt.user(r, shorter, ServedDiagnosticModel::defuse),
                List.of(String.format(Locale.ROOT, "evidence truncated to fit the served model's context (%d tokens,"
                        + " estimated at %d characters a token): %d of %d characters kept, the start and the end of"
                        + " each item", settings.contextTokens(), CHARS_PER_TOKEN, kept, total)));
    }

    /** Block markers and the control tokens of common chat templates are broken up. */
    static String defuse(String s) {
        String out = DiagnosisPrompt.defuseMarkers(s);
        for (Iterator<String> it = CONTROL_TOKENS.iterator(); it.hasNext(); ) {
            String t = it.next();
            if (out.contains(t)) {
                out = out.replace(t, t.replace("<", "< ").replace(">", " >").replace("[", "[ ").replace("]", " ]"));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (fallback != null) {
            fallback.close();
        }
    }

    @Override
    public String toString() {
        return "ServedDiagnosticModel[" + settings + "]";
    }
}
