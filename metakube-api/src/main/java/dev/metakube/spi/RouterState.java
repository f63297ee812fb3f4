package dev.metakube.spi;

import java.util.Map;

/**
 * The router's learned state.
 *
 * @param threshold the current τ
 * @param weights   the trust-score weights v_j by factor name
 * @param decisions decisions made
 * @param learned   outcomes learned from
 */
public record RouterState(double threshold, Map<String, Double> weights, long decisions, long learned) {
    public RouterState {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }
}
