package dev.metakube.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An incident to diagnose: what the operator saw and where.
 *
 * @param id         a caller-chosen identifier (a ticket number, an alert id); never empty
 * @param symptoms   a short natural-language description; may be empty when evidence is given
 * @param evidence   describe output, events, logs, manifests...; may be empty when symptoms are given
 * @param context    where it happened
 * @param observedAt when it was observed
 */
public record Incident(String id, String symptoms, List<Evidence> evidence, ClusterContext context,
                       Instant observedAt) {
    public Incident {
        id = Require.text(id, "incident.id");
        symptoms = Require.orEmpty(symptoms);
        evidence = Require.list(evidence, "incident.evidence");
        context = context == null ? ClusterContext.EMPTY : context;
        observedAt = observedAt == null ? Instant.now() : observedAt;
        if (symptoms.isBlank() && evidence.stream().allMatch(e -> e.text().isBlank())) {
            throw new InvalidInputException("incident", "has neither symptoms nor evidence text: nothing to diagnose");
        }
    }

    /** All text of the incident, symptoms first, evidence after, separated by blank lines. */
    public String allText() {
        StringBuilder b = new StringBuilder(symptoms);
        for (Evidence e : evidence) {
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(e.text());
        }
        return b.toString();
    }

    /** A copy with other evidence (used after redaction or truncation). */
    public Incident withEvidence(String newSymptoms, List<Evidence> newEvidence) {
        return new Incident(id, newSymptoms, newEvidence, context, observedAt);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an incident; only symptoms or evidence are required, the id defaults to a random UUID. */
    public static final class Builder {
        private String id;
        private String symptoms = "";
        private final List<Evidence> evidence = new ArrayList<>();
        private ClusterContext context = ClusterContext.EMPTY;
        private Instant observedAt;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder symptoms(String symptoms) {
            this.symptoms = symptoms;
            return this;
        }

        public Builder evidence(EvidenceKind kind, String source, String text) {
            this.evidence.add(new Evidence(kind, source, text));
            return this;
        }

        public Builder evidence(Evidence e) {
            this.evidence.add(Require.nonNull(e, "incident.evidence"));
            return this;
        }

        public Builder context(ClusterContext context) {
            this.context = context;
            return this;
        }

        /** Shorthand for a context with namespace, kind and name only. */
        public Builder context(String namespace, String kind, String name) {
            this.context = new ClusterContext(namespace, kind, name, "", Map.of());
            return this;
        }

        public Builder observedAt(Instant observedAt) {
            this.observedAt = observedAt;
            return this;
        }

        public Incident build() {
            return new Incident(id == null ? UUID.randomUUID().toString() : id, symptoms, evidence, context,
                    observedAt);
        }
    }
}
