package dev.metakube.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How an incident was really resolved. MetaKube learns from it: memory, causal graph and router.
 *
 * <p>Either {@code diagnosisId} names a diagnosis this engine made, or {@code incident} carries the
 * incident itself (for incidents diagnosed elsewhere or in another process); both may be given. When the
 * verdict is not {@link Verdict#CORRECT}, the true category and root cause are required.
 *
 * @param diagnosisId the diagnosis this is about; empty when unknown
 * @param incident    the incident; may be null when {@code diagnosisId} is known to the engine
 * @param verdict     whether the diagnosis was right
 * @param category    the true category; null means "as diagnosed" (only with {@link Verdict#CORRECT})
 * @param rootCause   the true root cause; empty means "as diagnosed" (only with {@link Verdict#CORRECT})
 * @param resolution  what resolved it
 * @param attempts    what was tried before
 * @param outcome     how it ended
 * @param at          when it was resolved
 */
public record Feedback(String diagnosisId, Incident incident, Verdict verdict, Category category, String rootCause,
                       String resolution, List<Attempt> attempts, Outcome outcome, Instant at) {
    public Feedback {
        diagnosisId = Require.orEmpty(diagnosisId);
        verdict = Require.nonNull(verdict, "feedback.verdict");
        rootCause = Require.orEmpty(rootCause);
        resolution = Require.orEmpty(resolution);
        attempts = Require.list(attempts, "feedback.attempts");
        outcome = outcome == null ? Outcome.RESOLVED : outcome;
        at = at == null ? Instant.now() : at;
        if (diagnosisId.isEmpty() && incident == null) {
            throw new InvalidInputException("feedback", "names neither a diagnosis id nor an incident");
        }
        if (verdict != Verdict.CORRECT && (category == null || rootCause.isBlank())) {
            throw new InvalidInputException("feedback", "a " + verdict
                    + " verdict needs the true category and root cause");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds feedback; defaults: verdict CORRECT, outcome RESOLVED, time now. */
    public static final class Builder {
        private String diagnosisId = "";
        private Incident incident;
        private Verdict verdict = Verdict.CORRECT;
        private Category category;
        private String rootCause = "";
        private String resolution = "";
        private final List<Attempt> attempts = new ArrayList<>();
        private Outcome outcome = Outcome.RESOLVED;
        private Instant at;

        private Builder() {
        }

        public Builder diagnosisId(String id) {
            this.diagnosisId = id;
            return this;
        }

        public Builder incident(Incident incident) {
            this.incident = incident;
            return this;
        }

        public Builder verdict(Verdict verdict) {
            this.verdict = verdict;
            return this;
        }

        /** The true category and root cause; required unless the verdict is CORRECT. */
        public Builder trueCause(Category category, String rootCause) {
            this.category = category;
            this.rootCause = rootCause;
            return this;
        }

        public Builder resolution(String resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder attempt(String action, boolean worked) {
            this.attempts.add(new Attempt(action, worked));
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder at(Instant at) {
            this.at = at;
            return this;
        }

        public Feedback build() {
            return new Feedback(diagnosisId, incident, verdict, category, rootCause, resolution, attempts, outcome,
                    at);
        }
    }
}
