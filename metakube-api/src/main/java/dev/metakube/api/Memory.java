package dev.metakube.api;

import java.util.List;

/** Something the episodic memory returns: a single past incident or a pattern abstracted from many. */
public sealed interface Memory permits Episode, Pattern {
    String id();

    Category category();

    /** The root cause, as one statement. */
    String rootCause();

    /** What resolved it (for a pattern, the canonical strategy). */
    String resolution();

    /** The symptom keys it showed. */
    List<String> signalKeys();

    /** Its historical success, in [0, 1]: an episode's value ω, a pattern's reliability as last updated. */
    double reliability();
}
