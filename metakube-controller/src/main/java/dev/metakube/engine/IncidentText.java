package dev.metakube.engine;

import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Signal;

/**
 * The text an incident is embedded and remembered by: its symptoms, its signal keys and their excerpts. The
 * same function serves queries and stored episodes, so that they are comparable.
 */
final class IncidentText {
    /** Enough for the symptom and the telling lines; embedders truncate long input anyway. */
    static final int MAX_CHARS = 2_000;

    private IncidentText() {
    }

    static String of(EvidenceAnalysis analysis) {
        StringBuilder b = new StringBuilder();
        String symptoms = analysis.incident().symptoms().strip();
        if (!symptoms.isEmpty()) {
            b.append(symptoms).append('\n');
        }
        if (!analysis.signals().isEmpty()) {
            b.append("signals:");
            for (Signal s : analysis.signals()) {
                b.append(' ').append(s.key());
            }
            b.append('\n');
            for (Signal s : analysis.signals()) {
                if (b.length() > MAX_CHARS) {
                    break;
                }
                if (!s.excerpt().isEmpty()) {
                    b.append(s.excerpt().strip()).append('\n');
                }
            }
        }
        if (b.length() < 200) {
            // Nothing recognised: fall back to the start of the evidence itself.
            String all = analysis.incident().allText();
            b.append(all, 0, Math.min(all.length(), MAX_CHARS - b.length()));
        }
        return b.length() > MAX_CHARS ? b.substring(0, MAX_CHARS) : b.toString().strip();
    }
}
