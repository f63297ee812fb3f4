package dev.metakube.engine;

import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pathway;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.TrustFactors;
import java.time.Instant;
import java.util.List;

/**
 * Everything one piece of feedback teaches, decided before any of it is applied, so that it can be journaled
 * and applied (or re-applied after a crash) step by step: the episode to record, the memories to reinforce or
 * weaken, the graph lesson, the routing outcome and the calibration samples.
 *
 * @param seq            the journal sequence number
 * @param diagnosisId    the diagnosis it is about; empty for an incident diagnosed elsewhere
 * @param episode        the episode to record; null when memory is off
 * @param reinforcements memories whose value moves
 * @param graphLesson    what the graph learns; null when the graph is off
 * @param routeOutcome   what the router learns; null when there was no intuitive candidate
 * @param calibration    calibration samples
 * @param recent         the outcome for the recent-precision figures; null when the diagnosis is unknown
 */
record Lesson(long seq, String diagnosisId, StoredEpisode episode, List<Reinforcement> reinforcements,
              GraphLesson graphLesson, StoredOutcome routeOutcome, List<CalibrationSample> calibration,
              RecentSample recent) {
    Lesson {
        diagnosisId = diagnosisId == null ? "" : diagnosisId;
        reinforcements = reinforcements == null ? List.of() : List.copyOf(reinforcements);
        calibration = calibration == null ? List.of() : List.copyOf(calibration);
    }

    /** The steps of applying a lesson, in order. */
    enum Step { MEMORY, REINFORCE, GRAPH, ROUTER }

    /** An episode in journal form (times as ISO-8601 text). */
    record StoredEpisode(String id, String symptoms, ClusterContext context, List<String> signalKeys,
                         Category category, String rootCause, String resolution, List<Attempt> attempts,
                         Outcome outcome, String time, double value) {
        static StoredEpisode of(Episode e) {
            return new StoredEpisode(e.id(), e.symptoms(), e.context(), e.signalKeys(), e.category(), e.rootCause(),
                    e.resolution(), e.attempts(), e.outcome(), e.time().toString(), e.value());
        }

        Episode episode() {
            return new Episode(id, symptoms, context, signalKeys, category, rootCause, resolution, attempts, outcome,
                    Instant.parse(time), value);
        }
    }

    /** A memory whose reuse succeeded or failed. */
    record Reinforcement(String memoryId, boolean success, String at) {
    }

    /**
     * A routing outcome in journal form. Its JSON keeps the names it was first written with, so that journals and
     * shared experience written before keep being read: the decision's trust score is stored as
     * {@code confidence}.
     */
    record StoredOutcome(StoredDecision decision, boolean fastAnswerCorrect, long latencyNanos) {
        static StoredOutcome of(RouteOutcome o) {
            RouteDecision d = o.decision();
            return new StoredOutcome(new StoredDecision(d.pathway(), d.trustScore(), d.threshold(), d.factors()),
                    o.fastAnswerCorrect(), o.latencyNanos());
        }

        RouteOutcome outcome() {
            return new RouteOutcome(new RouteDecision(decision.pathway(), decision.confidence(), decision.threshold(),
                    decision.factors()), fastAnswerCorrect, latencyNanos);
        }
    }

    /** A routing decision in journal form; {@code confidence} is the trust score, under the name it was stored with. */
    record StoredDecision(Pathway pathway, double confidence, double threshold, TrustFactors factors) {
    }

    /**
     * One calibration outcome: a raw score of a pathway (the trust score of the intuitive candidate, the grounded
     * score of an analytical answer) and whether that answer was right. {@code answered}
     * marks an intuitive sample as the fast answer actually given (judged by the verdict); without it, an intuitive
     * sample is the candidate, given or not (judged by comparing causes).
     */
    record CalibrationSample(Pathway pathway, double raw, boolean right, boolean answered) {
    }

    /** One labelled diagnosis: its pathway, whether it was right and whether the fast answer was. */
    record RecentSample(Pathway pathway, boolean right, boolean fastRight, boolean hadCandidate) {
    }
}
