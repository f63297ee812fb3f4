package dev.metakube.evidence.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decisive fact read from text evidence: the symptom it shows, the objects and values involved and the line
 * that shows it.
 *
 * @param key      the symptom id of the causal graph's vocabulary (declared there, checked at load)
 * @param values   the objects and values the finding names (placeholder name to value: {@code host},
 *                 {@code port}, {@code image}, {@code taint}...), in the order they were read
 * @param quote    the decisive line as found, at most {@value #MAX_QUOTE} characters
 * @param strength how unambiguously the line shows the symptom, in (0, 1]
 */
public record TextFinding(String key, Map<String, String> values, String quote, double strength) {
    /** Characters of the decisive line that are kept. */
    public static final int MAX_QUOTE = 200;

    public TextFinding {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a finding needs a key");
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in (0, 1], was " + strength);
        }
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        quote = quote == null ? "" : shorten(quote.strip());
    }

    static String shorten(String s) {
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE - 3) + "...";
    }

    /** A finding from alternating placeholder names and values; null or blank values are left out. */
    static TextFinding of(String key, String quote, double strength, String... namesAndValues) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                v.put(namesAndValues[i], value.strip());
            }
        }
        return new TextFinding(key, v, quote, strength);
    }
}
