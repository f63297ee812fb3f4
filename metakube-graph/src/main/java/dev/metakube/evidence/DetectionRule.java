package dev.metakube.evidence;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.SignalKind;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How one symptom of the causal graph's vocabulary is detected in text.
 *
 * <p>The rule fires on a line that contains one of {@code phrases} (ASCII, matched case-insensitively). When
 * {@code patterns} are given, the phrases only select candidate lines and one of the patterns must also match
 * the line (at most {@value EvidenceAnalyzer#MAX_LINE} characters of it): write patterns without nested or
 * adjacent overlapping unbounded quantifiers, so that they run in linear time. A {@code key} containing
 * {@code {1}} takes the pattern's first group, lower-cased ({@code exit-code-{1}}).
 *
 * @param key      the symptom id the rule detects
 * @param kind     the kind of signal it yields
 * @param phrases  the phrases that select lines (at least one)
 * @param patterns the patterns a selected line must also match; empty when a phrase is enough
 * @param strength how strongly a match supports the symptom, in (0, 1]
 */
public record DetectionRule(String key, SignalKind kind, List<String> phrases, List<Pattern> patterns,
                            double strength) {
    public DetectionRule {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("rule.key", "must not be empty");
        }
        if (kind == null) {
            throw new InvalidInputException("rule " + key, "kind must be given");
        }
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        if (phrases.isEmpty()) {
            throw new InvalidInputException("rule " + key, "needs at least one phrase");
        }
        for (String p : phrases) {
            if (p.isBlank() || !p.chars().allMatch(c -> c >= 32 && c < 127)) {
                throw new InvalidInputException("rule " + key, "phrase '" + p + "' must be printable ASCII");
            }
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new InvalidInputException("rule " + key, "strength must be in (0, 1], was " + strength);
        }
    }

    /** A rule from phrase and regular expression texts. */
    public static DetectionRule of(String key, SignalKind kind, List<String> phrases, List<String> regexes,
                                   double strength) {
        List<Pattern> compiled = new java.util.ArrayList<>();
        for (String r : regexes == null ? List.<String>of() : regexes) {
            try {
                compiled.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("rule " + key, "bad pattern '" + r + "': " + e.getDescription(), e);
            }
        }
        return new DetectionRule(key.toLowerCase(Locale.ROOT), kind, phrases, compiled, strength);
    }
}
