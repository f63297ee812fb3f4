package dev.metakube.eval;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.RemediationStep;
import java.util.ArrayList;
import java.util.List;

/**
 * What a judge compares: the incident as the operator described it, the reference answer, and the candidate.
 *
 * @param symptoms  the incident's symptoms
 * @param reference the reference root cause, causal chain and fix as one text
 * @param candidate the candidate's root cause, causal chain, remediation with commands, and prevention as one text
 */
public record JudgeCase(String symptoms, String reference, String candidate) {
    /**
     * A deterministic sample of at most {@code n} cases: evenly spaced over the results in their order, so that it
     * spans the whole scenario file (and its categories) and the same file always gives the same sample.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static List<JudgeCase> sample(List<ScenarioResult> results, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the judge sample must hold at least 1 case, was " + n);
        }
        int k = Math.min(n, results.size());
        List<JudgeCase> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            ScenarioResult r = results.get((int) ((long) i * results.size() / k));
            out.add(of(r.scenario(), r.diagnosis()));
        }
        return out;
    }

    /** The case for a scenario and the diagnosis MetaKube gave for it. */
    public static JudgeCase of(Scenario s, Diagnosis d) {
        StringBuilder ref = new StringBuilder();
        ref.append("Category: ").append(s.category().label()).append('\n')
                .append("Root cause: ").append(s.rootCause()).append('\n');
        if (!s.causalChain().isEmpty()) {
            ref.append("Causal chain: ").append(String.join(" -> ", s.causalChain())).append('\n');
        }
        ref.append("Fix: ").append(s.resolution()).append('\n');
        StringBuilder cand = new StringBuilder();
        cand.append("Category: ").append(d.category().label()).append('\n')
                .append("Root cause: ").append(d.rootCause()).append('\n');
        if (!d.causalChain().isEmpty()) {
            cand.append("Causal chain: ").append(String.join(" -> ", d.causalChain())).append('\n');
        }
        cand.append("Remediation:\n");
        int i = 1;
        for (RemediationStep r : d.remediation()) {
            cand.append("  ").append(i++).append(". ").append(r.action());
            if (!r.command().isEmpty()) {
                cand.append("  `").append(r.command()).append('`');
            }
            if (r.destructive()) {
                cand.append("  [destructive]");
            }
            cand.append('\n');
        }
        if (!d.prevention().isEmpty()) {
            cand.append("Prevention: ").append(String.join("; ", d.prevention())).append('\n');
        }
        return new JudgeCase(s.symptoms(), ref.toString(), cand.toString());
    }
}
