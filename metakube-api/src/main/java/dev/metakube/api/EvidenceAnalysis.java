package dev.metakube.api;

import java.util.List;

/**
 * What evidence analysis made of an incident.
 *
 * @param incident the incident with secrets redacted and oversized evidence truncated; only this copy
 *                 is ever stored, embedded or put in a prompt
 * @param signals  the observations, strongest first
 * @param notes    what analysis did that a person should know (truncations, redactions), in plain words
 */
public record EvidenceAnalysis(Incident incident, List<Signal> signals, List<String> notes) {
    public EvidenceAnalysis {
        incident = Require.nonNull(incident, "analysis.incident");
        signals = Require.list(signals, "analysis.signals");
        notes = Require.list(notes, "analysis.notes");
    }
}
