package dev.metakube.spi;

import dev.metakube.api.Hypothesis;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Signal;
import java.util.List;

/**
 * A graph search request.
 *
 * @param signals     the incident's signals: where the search starts
 * @param memoryHints hypotheses from memory; they bias the search (the prior term of eq. 5)
 * @param maxHops     the depth limit
 * @param limit       how many chains to return at most
 */
public record Exploration(List<Signal> signals, List<Hypothesis> memoryHints, int maxHops, int limit) {
    public Exploration {
        signals = signals == null ? List.of() : List.copyOf(signals);
        memoryHints = memoryHints == null ? List.of() : List.copyOf(memoryHints);
        if (maxHops < 1) {
            throw new InvalidInputException("exploration.maxHops", "must be at least 1, was " + maxHops);
        }
        if (limit < 1) {
            throw new InvalidInputException("exploration.limit", "must be at least 1, was " + limit);
        }
    }
}
