package dev.metakube.evidence.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fault found in a set of manifests.
 *
 * @param key      the symptom key of the causal graph ({@code service-selector-no-match}...)
 * @param subject  the object at fault, {@code kind/name} in lower case
 * @param message  one sentence that names the objects and values involved
 * @param definite whether the evidence shows the fault for sure; false when it rests on objects the evidence
 *                 may not show (a ConfigMap "not among the objects shown")
 * @param values   the objects and values involved, by placeholder name of the graph's cause texts
 *                 ({@code service}, {@code selector}, {@code labels}, {@code port}...), in insertion order
 */
public record Finding(String key, String subject, String message, boolean definite, Map<String, String> values) {
    /** Validates and copies. */
    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Strength of the finding as a signal, in [0, 1]. */
    public double strength() {
        return definite ? 0.95 : 0.6;
    }

    /** A finding with values given as name, value pairs (nulls skipped). */
    static Finding of(String key, String subject, String message, boolean definite, String... pairs) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                v.put(pairs[i], pairs[i + 1]);
            }
        }
        return new Finding(key, subject, message, definite, v);
    }
}
