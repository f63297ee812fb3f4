package dev.metakube.api;

/** Whether a diagnosis turned out right. */
public enum Verdict {
    /** The root cause was right. */
    CORRECT,
    /** The category was right but the root cause was not, or only part of it. */
    PARTIALLY_CORRECT,
    /** It was wrong. */
    INCORRECT
}
