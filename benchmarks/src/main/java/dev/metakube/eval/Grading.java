package dev.metakube.eval;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.RemediationStep;
import java.util.List;
import java.util.Locale;

/** Grades a diagnosis against a scenario's ground truth. */
public final class Grading {
    private Grading() {
    }

    /** Share of {@code keywords} found in {@code text}, case-insensitively; 1 when there are none. */
    public static double keywordRate(List<String> keywords, String text) {
        if (keywords.isEmpty()) {
            return 1.0;
        }
        String t = normalise(text);
        int hit = 0;
        for (String k : keywords) {
            if (t.contains(normalise(k))) {
                hit++;
            }
        }
        return (double) hit / keywords.size();
    }

    /** Root-cause hit: the category is right and at least half the root-cause keywords are in the statement. */
    public static boolean rootCauseHit(Scenario s, Diagnosis d) {
        return d.category() == s.category() && keywordRate(s.rootCauseKeywords(), d.rootCause()) >= 0.5;
    }

    /** The remediation as text: actions and commands. */
    public static String remediationText(Diagnosis d) {
        StringBuilder b = new StringBuilder();
        for (RemediationStep r : d.remediation()) {
            b.append(r.action()).append(' ').append(r.command()).append('\n');
        }
        return b.toString();
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ");
    }
}
