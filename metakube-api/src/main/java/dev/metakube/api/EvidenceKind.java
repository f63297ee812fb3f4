package dev.metakube.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a piece of evidence is; it tells evidence analysis how to read the text. */
public enum EvidenceKind {
    /** {@code kubectl describe} output. */
    DESCRIBE,
    /** {@code kubectl get events} output or event lines. */
    EVENTS,
    /** Container or component logs. */
    LOGS,
    /** One or more Kubernetes objects as YAML or JSON (multi-document allowed). */
    MANIFEST,
    /** {@code kubectl get} status tables and similar. */
    STATUS,
    /** Metric readings. */
    METRICS,
    /** Alert text from monitoring. */
    ALERT,
    /** Anything else. */
    TEXT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a kind name case-insensitively; {@code null} or blank means {@link #TEXT}. */
    public static EvidenceKind parse(String text) {
        if (text == null || text.isBlank()) {
            return TEXT;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (EvidenceKind k : values()) {
            if (k.name().equals(t)) {
                return k;
            }
        }
        throw new InvalidInputException("evidence.kind", "unknown evidence kind '" + text + "'; expected one of "
                + Arrays.stream(values()).map(EvidenceKind::label).collect(Collectors.joining(", ")));
    }
}
