package dev.metakube.api;

import java.util.List;

/**
 * What the engine did with a piece of feedback.
 *
 * @param episodeId     the id of the episode recorded from it; empty when none was recorded
 * @param diagnosisKnown whether the diagnosis id was one this engine made
 * @param notes         what was done or refused, in plain words (duplicates, contradictions...)
 */
public record FeedbackReceipt(String episodeId, boolean diagnosisKnown, List<String> notes) {
    public FeedbackReceipt {
        episodeId = Require.orEmpty(episodeId);
        notes = Require.list(notes, "receipt.notes");
    }
}
