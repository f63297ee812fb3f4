package dev.metakube.api;

/**
 * One observation extracted from an incident's evidence.
 *
 * @param key      the canonical symptom key, from the causal graph's vocabulary (e.g. {@code "oom-killed"},
 *                 {@code "image-pull-backoff"}); signals with the same key mean the same thing
 * @param kind     what kind of observation it is
 * @param value    the observed value (the reason, the code, the quantity, the finding's subject)
 * @param excerpt  the (redacted) text it was found in, at most one line
 * @param strength how strongly the text supports it, in [0, 1]
 */
public record Signal(String key, SignalKind kind, String value, String excerpt, double strength) {
    public Signal {
        key = Require.text(key, "signal.key");
        kind = Require.nonNull(kind, "signal.kind");
        value = Require.orEmpty(value);
        excerpt = Require.orEmpty(excerpt);
        strength = Require.unit(strength, "signal.strength");
    }
}
