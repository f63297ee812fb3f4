package dev.metakube.spi;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Memory;

/**
 * A recalled memory as a {@link DiagnosticModel} is given it ({@link ModelRequest#memories()}): with the engine's
 * confidence that its cause is right for the incident.
 *
 * @param memory     the episode or pattern
 * @param cosine     cosine similarity of its embedding to the incident's, in [−1, 1]
 * @param confidence the calibrated probability, in [0, 1], that the memory's cause is the incident's
 */
public record RecalledMemory(Memory memory, double cosine, double confidence) {
    public RecalledMemory {
        if (memory == null) {
            throw new InvalidInputException("recalledMemory.memory", "must be given");
        }
        if (!(cosine >= -1.0001 && cosine <= 1.0001)) {
            throw new InvalidInputException("recalledMemory.cosine", "must be in [-1, 1], was " + cosine);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidInputException("recalledMemory.confidence", "must be in [0, 1], was " + confidence);
        }
    }
}
