package dev.metakube.engine;

import dev.metakube.api.Recall;
import dev.metakube.spi.TrustFactors;
import java.util.List;

/**
 * A recall with the router's trust factors of each of its memories ({@link RouterFeatures}), in the same order.
 *
 * @param recall  what the memory store recalled, possibly re-weighed by the engine
 * @param factors the factors of {@code recall.memories().get(i)} at position {@code i}
 */
record FactoredRecall(Recall recall, List<TrustFactors> factors) {
    FactoredRecall {
        factors = List.copyOf(factors);
        if (factors.size() != recall.memories().size()) {
            throw new IllegalArgumentException(factors.size() + " factors for " + recall.memories().size()
                    + " memories");
        }
    }

    /** The factors of the best memory; {@link TrustFactors#NONE} when nothing was recalled. */
    TrustFactors best() {
        return factors.isEmpty() ? TrustFactors.NONE : factors.get(0);
    }
}
