package dev.metakube.engine;

import dev.metakube.api.FeedbackReceipt;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engine does with feedback it has accepted. By default the engine plans a lesson and applies it to its
 * backends through a journal; {@link #ignoringFeedback()} is the stand-in that acknowledges feedback and learns
 * nothing from it, for measuring what learning contributes. Only this package implements it.
 */
public abstract class Learner implements AutoCloseable {
    Learner() {
    }

    /**
     * A learner that learns nothing: feedback is acknowledged with a note saying so, and nothing is recorded.
     * Give it to {@link EngineBuilder#learner(Learner)}.
     */
    public static Learner ignoringFeedback() {
        return new Ignoring();
    }

    /** Learns from accepted feedback; the receipt says what was recorded. */
    abstract FeedbackReceipt learn(FeedbackIntake.Accepted feedback, Counters counters);

    /** Completes lessons left half-applied before (by a crash or a failing backend). */
    abstract void recover(Counters counters);

    /** Lessons journaled but not yet fully applied. */
    abstract int pendingLessons();

    /** Precision over recent labelled diagnoses. */
    abstract EngineStats.Recent recent();

    @Override
    public abstract void close();

    private static final class Ignoring extends Learner {
        private final RecentOutcomes none = new RecentOutcomes(500);

        @Override
        FeedbackReceipt learn(FeedbackIntake.Accepted feedback, Counters counters) {
            counters.feedbackIgnored.incrementAndGet();
            List<String> notes = new ArrayList<>(feedback.notes());
            notes.add("learning is switched off; nothing was recorded");
            return new FeedbackReceipt("", feedback.known().isPresent(), notes);
        }

        @Override
        void recover(Counters counters) {
            // nothing is journaled
        }

        @Override
        int pendingLessons() {
            return 0;
        }

        @Override
        EngineStats.Recent recent() {
            return none.summary();
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
