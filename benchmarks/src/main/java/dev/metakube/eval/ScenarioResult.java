package dev.metakube.eval;

import dev.metakube.api.Diagnosis;

/**
 * One scenario's diagnosis and its grades.
 *
 * @param scenario          the scenario
 * @param diagnosis         what MetaKube answered
 * @param latencyMillis     wall time of {@code diagnose}
 * @param categoryCorrect   whether the category was right
 * @param rootCauseKeywords share of root-cause keywords in the root-cause statement
 * @param rootCauseHit      category right and at least half the root-cause keywords present
 * @param fixKeywords       share of fix keywords in the remediation
 */
public record ScenarioResult(Scenario scenario, Diagnosis diagnosis, double latencyMillis, boolean categoryCorrect,
                             double rootCauseKeywords, boolean rootCauseHit, double fixKeywords) {
    static ScenarioResult grade(Scenario s, Diagnosis d, double latencyMillis) {
        return new ScenarioResult(s, d, latencyMillis, d.category() == s.category(),
                Grading.keywordRate(s.rootCauseKeywords(), d.rootCause()), Grading.rootCauseHit(s, d),
                Grading.keywordRate(s.fixKeywords(), Grading.remediationText(d)));
    }
}
