package dev.metakube.engine;

import dev.metakube.api.Category;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a piece of feedback before anything is learned from it: finds the diagnosis it is about, fills a CORRECT
 * verdict's cause from that diagnosis, and turns away a repeated or contradicting report.
 */
final class FeedbackIntake {
    /**
     * Feedback accepted for learning.
     *
     * @param known     the diagnosis it is about; empty for an incident diagnosed elsewhere
     * @param category  the true category
     * @param rootCause the true root cause
     * @param answer    the truth reported, to mark the diagnosis answered
     * @param notes     what a person should know so far; the learner adds to it
     */
    record Accepted(Feedback feedback, Optional<PendingDiagnoses.Pending> known, Category category, String rootCause,
                    PendingDiagnoses.Answer answer, List<String> notes) {
    }

    private final PendingDiagnoses pending;

    FeedbackIntake(PendingDiagnoses pending) {
        this.pending = pending;
    }

    /**
     * The feedback, accepted.
     *
     * @throws InvalidInputException when it names an unknown diagnosis and carries no incident, or a CORRECT
     *         verdict gives no cause and the diagnosis is unknown
     */
    Accepted accept(Feedback feedback) {
        if (feedback == null) {
            throw new InvalidInputException("feedback", "must be given");
        }
        List<String> notes = new ArrayList<>();
        Optional<PendingDiagnoses.Pending> known = feedback.diagnosisId().isEmpty() ? Optional.empty()
                : pending.get(feedback.diagnosisId());
        if (!feedback.diagnosisId().isEmpty() && known.isEmpty()) {
            if (feedback.incident() == null) {
                throw new InvalidInputException("feedback.diagnosisId", "unknown diagnosis '" + feedback.diagnosisId()
                        + "' (not made by this engine or too old) and no incident given to learn from");
            }
            notes.add("diagnosis " + feedback.diagnosisId() + " is unknown to this engine; learned from the incident");
        }
        Category category = feedback.category();
        String rootCause = feedback.rootCause();
        if (feedback.verdict() == Verdict.CORRECT && (category == null || rootCause.isBlank())) {
            if (known.isEmpty()) {
                throw new InvalidInputException("feedback", "a CORRECT verdict without a known diagnosis needs the "
                        + "category and root cause");
            }
            category = category == null ? known.get().diagnosis().category() : category;
            rootCause = rootCause.isBlank() ? Diagnoser.statedCause(known.get().diagnosis()) : rootCause;
        }
        return new Accepted(feedback, known, category, rootCause,
                new PendingDiagnoses.Answer(category, rootCause, feedback.verdict()), notes);
    }

    /** The receipt for feedback on a diagnosis already answered, or empty when it was not. */
    static Optional<FeedbackReceipt> ifRepeated(Accepted a, Optional<PendingDiagnoses.Pending> now) {
        if (now.isEmpty() || !now.get().answered()) {
            return Optional.empty();
        }
        a.notes().add(repeated(a.feedback().diagnosisId(), now.get().answer(), a.answer()));
        return Optional.of(new FeedbackReceipt("", true, a.notes()));
    }

    private static String repeated(String diagnosisId, PendingDiagnoses.Answer before, PendingDiagnoses.Answer now) {
        boolean same = before.category() == now.category() && CauseMatcher.same(before.rootCause(), now.rootCause())
                && (before.verdict() == Verdict.CORRECT) == (now.verdict() == Verdict.CORRECT);
        if (same) {
            return "feedback for diagnosis " + diagnosisId + " was already recorded; ignored";
        }
        return "feedback for diagnosis " + diagnosisId + " contradicts the feedback already recorded for it ("
                + before.verdict() + ", " + before.category().label() + ": " + before.rootCause() + "); ignored. "
                + "To record a different outcome, send it with the incident and without the diagnosis id";
    }
}
