package dev.metakube.spi;

import dev.metakube.api.Category;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Signal;
import java.util.List;

/**
 * What the graph should learn from one piece of feedback.
 *
 * @param signals    the incident's signals
 * @param usedCauseId the graph cause the diagnosis relied on; empty when it relied on none
 * @param confirmed  whether that cause was confirmed (true) or refuted (false)
 * @param category   the true category
 * @param rootCause  the true root cause, one statement
 * @param resolution what resolved it; may be empty
 */
public record GraphLesson(List<Signal> signals, String usedCauseId, boolean confirmed, Category category,
                          String rootCause, String resolution) {
    public GraphLesson {
        signals = signals == null ? List.of() : List.copyOf(signals);
        usedCauseId = usedCauseId == null ? "" : usedCauseId;
        if (category == null) {
            throw new InvalidInputException("lesson.category", "must be given");
        }
        if (rootCause == null || rootCause.isBlank()) {
            throw new InvalidInputException("lesson.rootCause", "must not be empty");
        }
        resolution = resolution == null ? "" : resolution;
    }
}
