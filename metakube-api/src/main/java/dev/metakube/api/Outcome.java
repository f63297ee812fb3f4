package dev.metakube.api;

/** How an incident ended. */
public enum Outcome {
    /** The resolution fixed it. */
    RESOLVED,
    /** The resolution relieved it but did not remove the cause. */
    MITIGATED,
    /** It was not resolved. */
    UNRESOLVED
}
