package dev.metakube.llm.openai;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How to reach a served model, read from {@link MetaKubeConfig#properties()}. Only {@link #URL} and {@link #NAME} are
 * required. The key is never part of {@link #toString()}.
 *
 * @param baseUrl          the API's base URL, ending in {@code /v1} for most servers
 * @param modelName        the model name the server serves (vLLM's {@code --served-model-name}, an Ollama tag)
 * @param apiKey           the bearer key; servers without authentication accept any, so it defaults to {@code "none"}
 * @param timeout          the longest wait for one answer
 * @param retries          how many times a 429 or 5xx answer is retried (0 to 5)
 * @param breakerFailures  consecutive failures after which the server is not asked for {@code breakerCooldown}
 * @param breakerCooldown  how long the circuit stays open
 * @param jsonSchema       whether to ask for structured output by JSON schema; null: ask, and stop asking after
 *                         the server rejects it
 * @param maxOutputTokens  the most tokens the model may write per answer
 * @param contextTokens    the model's context, in tokens; the prompt is fitted to it with room for the answer
 */
public record ServedModelSettings(String baseUrl, String modelName, String apiKey, Duration timeout, int retries,
                                  int breakerFailures, Duration breakerCooldown, Boolean jsonSchema,
                                  int maxOutputTokens, int contextTokens) {
    /** Property: the base URL of the OpenAI-compatible API, e.g. {@code http://gpu-box:8000/v1}. */
    public static final String URL = "metakube.model.url";
    /** Property: the served model's name. */
    public static final String NAME = "metakube.model.name";
    /** Property: the API key, if the server wants one. */
    public static final String KEY = "metakube.model.key";
    /** Property: the timeout of one answer, an ISO-8601 duration or seconds (default 60 s). */
    public static final String TIMEOUT = "metakube.model.timeout";
    /** Property: retries of a 429 or 5xx answer (default 2). */
    public static final String RETRIES = "metakube.model.retries";
    /** Property: {@code true}, {@code false} or {@code auto} (default): structured output by JSON schema. */
    public static final String JSON_SCHEMA = "metakube.model.jsonSchema";
    /** Property: the most tokens an answer may have (default 1,024). */
    public static final String MAX_OUTPUT_TOKENS = "metakube.model.maxOutputTokens";

    public ServedModelSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new InvalidInputException(URL, "must be given (the server's base URL, such as http://HOST:8000/v1)");
        }
        try {
            URI u = new URI(baseUrl);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new InvalidInputException(URL, "must be an http or https URL with a host, was '" + baseUrl + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException(URL, "is not a URL: '" + baseUrl + "'");
        }
        if (modelName == null || modelName.isBlank()) {
            throw new InvalidInputException(NAME, "must be given (the name the server serves the model under)");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? "none" : apiKey;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException(TIMEOUT, "must be a positive duration");
        }
        if (retries < 0 || retries > 5) {
            throw new InvalidInputException(RETRIES, "must be in [0, 5], was " + retries);
        }
        if (breakerFailures < 1) {
            throw new InvalidInputException("breakerFailures", "must be at least 1, was " + breakerFailures);
        }
        if (breakerCooldown == null || breakerCooldown.isNegative()) {
            throw new InvalidInputException("breakerCooldown", "must not be negative");
        }
        if (maxOutputTokens < 64) {
            throw new InvalidInputException(MAX_OUTPUT_TOKENS, "must be at least 64, was " + maxOutputTokens);
        }
        if (contextTokens <= maxOutputTokens) {
            throw new InvalidInputException("config.contextTokens", "must exceed the " + maxOutputTokens
                    + " tokens kept for the answer, was " + contextTokens);
        }
    }

    /** The settings named in {@code config}; defaults: 60 s timeout, 2 retries, 3 failures open the circuit for 30 s. */
    public static ServedModelSettings from(MetaKubeConfig config) {
        return new ServedModelSettings(config.property(URL).orElse(null), config.property(NAME).orElse(null),
                config.property(KEY).orElse(null), duration(config, TIMEOUT, Duration.ofSeconds(60)),
                integer(config, RETRIES, 2), 3, Duration.ofSeconds(30), schema(config),
                integer(config, MAX_OUTPUT_TOKENS, 1024), config.contextTokens());
    }

    /** A copy with other resilience settings, for tests and embedding code. */
    public ServedModelSettings withResilience(Duration timeout, int retries, int breakerFailures,
                                              Duration breakerCooldown) {
        return new ServedModelSettings(baseUrl, modelName, apiKey, timeout, retries, breakerFailures, breakerCooldown,
                jsonSchema, maxOutputTokens, contextTokens);
    }

    private static Boolean schema(MetaKubeConfig config) {
        String v = config.property(JSON_SCHEMA).orElse("auto").strip().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "auto":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                throw new InvalidInputException(JSON_SCHEMA, "must be true, false or auto, was '" + v + "'");
        }
    }

    private static int integer(MetaKubeConfig config, String key, int dflt) {
        String v = config.property(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "not a whole number: '" + v + "'");
        }
    }

    private static Duration duration(MetaKubeConfig config, String key, Duration dflt) {
        String v = config.property(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        String s = v.strip();
        try {
            return s.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(s)) : Duration.parse(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInputException(key, "not a duration (seconds or ISO-8601 such as PT30S): '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return "ServedModelSettings[" + modelName + " at " + baseUrl + ", key " + (apiKey.equals("none") ? "none" : "set")
                + ", timeout " + timeout + ", retries " + retries + "]";
    }
}
