package dev.metakube.route;

import dev.metakube.api.Pathway;
import java.util.Map;

/**
 * Turns a pathway's raw score into the probability that the answer is right, and learns that map from outcomes.
 * {@link ConfidenceCalibration} is the engine's own; {@link dev.metakube.standin.IdentityCalibrator} is the
 * stand-in that leaves raw scores as they are.
 */
public interface Calibrator {
    /** The probability, in [0, 1], that an answer of this pathway with this raw score is right. */
    double calibrate(Pathway pathway, double raw);

    /** Learns that an answer of this pathway with this raw score was right or wrong. */
    void learn(Pathway pathway, double raw, boolean right);

    /** The outcomes learned from, per pathway. */
    Map<Pathway, Integer> samples();
}
