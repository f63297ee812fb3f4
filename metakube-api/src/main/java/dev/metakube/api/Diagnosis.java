package dev.metakube.api;

import java.time.Instant;
import java.util.List;

/**
 * MetaKube's answer for one incident.
 *
 * @param id           unique id; pass it back in {@link Feedback} to teach MetaKube the real outcome
 * @param incidentId   the incident's id
 * @param category     the failure category
 * @param rootCause    the root cause, one concise statement naming the objects involved
 * @param causalChain  how the root cause led to the symptoms, cause first... symptom last or the reverse as
 *                     stated by each step
 * @param remediation  steps to fix it, with commands
 * @param prevention   how to keep it from recurring
 * @param confidence   calibrated probability that the root cause is right, in [0, 1]
 * @param pathway      which pathway produced it
 * @param threshold    the router's threshold τ at the time of the decision
 * @param hypotheses   the candidates considered, best first; on the analytical pathway it contains the
 *                     intuitive candidate (paper 3.2.3)
 * @param evidence     the signals the diagnosis used
 * @param memoriesUsed ids of the episodes and patterns used
 * @param chainsUsed   cause ids of the causal chains used
 * @param model        the name of the diagnostic model that wrote it
 * @param notes        things a person should know (truncated evidence, redactions, fallbacks)
 * @param timings      latency breakdown
 * @param createdAt    when it was made
 */
public record Diagnosis(String id, String incidentId, Category category, String rootCause, List<String> causalChain,
                        List<RemediationStep> remediation, List<String> prevention, double confidence,
                        Pathway pathway, double threshold, List<Hypothesis> hypotheses, List<Signal> evidence,
                        List<String> memoriesUsed, List<String> chainsUsed, String model, List<String> notes,
                        Timings timings, Instant createdAt) {
    public Diagnosis {
        id = Require.text(id, "diagnosis.id");
        incidentId = Require.text(incidentId, "diagnosis.incidentId");
        category = Require.nonNull(category, "diagnosis.category");
        rootCause = Require.text(rootCause, "diagnosis.rootCause");
        causalChain = Require.list(causalChain, "diagnosis.causalChain");
        remediation = Require.list(remediation, "diagnosis.remediation");
        prevention = Require.list(prevention, "diagnosis.prevention");
        confidence = Require.unit(confidence, "diagnosis.confidence");
        pathway = Require.nonNull(pathway, "diagnosis.pathway");
        threshold = Require.finite(threshold, "diagnosis.threshold");
        hypotheses = Require.list(hypotheses, "diagnosis.hypotheses");
        evidence = Require.list(evidence, "diagnosis.evidence");
        memoriesUsed = Require.list(memoriesUsed, "diagnosis.memoriesUsed");
        chainsUsed = Require.list(chainsUsed, "diagnosis.chainsUsed");
        model = Require.orEmpty(model);
        notes = Require.list(notes, "diagnosis.notes");
        timings = timings == null ? Timings.ZERO : timings;
        createdAt = Require.nonNull(createdAt, "diagnosis.createdAt");
    }
}
