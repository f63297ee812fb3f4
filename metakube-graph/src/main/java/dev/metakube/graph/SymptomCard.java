package dev.metakube.graph;

import dev.metakube.api.SignalKind;
import java.util.List;

/**
 * A symptom of the vocabulary and how to detect it.
 *
 * @param id         the symptom key signals carry
 * @param kind       the kind of signal it is
 * @param text       what it means, in words
 * @param phrases    phrases that detect it (ASCII, case-insensitive)
 * @param patterns   regular expressions a phrase-selected line must also match; empty when a phrase suffices
 * @param strength   how strongly a match supports it
 * @param provenance where it came from
 */
record SymptomCard(String id, SignalKind kind, String text, List<String> phrases, List<String> patterns,
                   double strength, Provenance provenance) {
    SymptomCard {
        phrases = List.copyOf(phrases);
        patterns = List.copyOf(patterns);
    }
}
