package dev.metakube.api;

import java.time.Instant;
import java.util.List;

/**
 * A resolved incident remembered: the paper's episode {@code ⟨symptoms, context, actions, outcome, time, value⟩}.
 *
 * @param id         unique id
 * @param symptoms   the (redacted) incident text the episode is retrieved by
 * @param context    where it happened
 * @param signalKeys the symptom keys it showed
 * @param category   the confirmed category
 * @param rootCause  the confirmed root cause, one statement
 * @param resolution what resolved it
 * @param attempts   what was tried, the failed attempts and the one that worked
 * @param outcome    how it ended
 * @param time       when it happened
 * @param value      ω in [0, 1]: rises with confirmed reuse, falls with failed reuse
 */
public record Episode(String id, String symptoms, ClusterContext context, List<String> signalKeys,
                      Category category, String rootCause, String resolution, List<Attempt> attempts,
                      Outcome outcome, Instant time, double value) implements Memory {
    public Episode {
        id = Require.text(id, "episode.id");
        symptoms = Require.text(symptoms, "episode.symptoms");
        context = context == null ? ClusterContext.EMPTY : context;
        signalKeys = Require.list(signalKeys, "episode.signalKeys");
        category = Require.nonNull(category, "episode.category");
        rootCause = Require.text(rootCause, "episode.rootCause");
        resolution = Require.orEmpty(resolution);
        attempts = Require.list(attempts, "episode.attempts");
        outcome = outcome == null ? Outcome.RESOLVED : outcome;
        time = Require.nonNull(time, "episode.time");
        value = Require.unit(value, "episode.value");
    }

    /** Its value ω: an episode is as reliable as its reuse has proven it. */
    @Override
    public double reliability() {
        return value;
    }

    /** A copy with another value ω. */
    public Episode withValue(double newValue) {
        return new Episode(id, symptoms, context, signalKeys, category, rootCause, resolution, attempts, outcome,
                time, newValue);
    }
}
