package dev.metakube.standin;

import dev.metakube.api.Pathway;
import dev.metakube.route.Calibrator;
import java.util.Map;

/**
 * A calibrator that leaves raw scores as they are (clamped to [0, 1]) and learns nothing: assembled into an
 * engine, the diagnosis confidence is the raw one (the router's trust score, the model's own confidence).
 */
public final class IdentityCalibrator implements Calibrator {
    @Override
    public double calibrate(Pathway pathway, double raw) {
        return Math.max(0, Math.min(1, raw));
    }

    @Override
    public void learn(Pathway pathway, double raw, boolean right) {
        // nothing to learn
    }

    @Override
    public Map<Pathway, Integer> samples() {
        return Map.of();
    }
}
