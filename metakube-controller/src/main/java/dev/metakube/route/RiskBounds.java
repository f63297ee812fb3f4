package dev.metakube.route;

/**
 * One-sided Wilson score bounds of an error rate from {@code errors} out of {@code n} Bernoulli trials. Used by
 * the risk guard of {@link MetaCognitiveRouter}: the fast pathway may cover a confidence region only while the
 * error there is not proven above the target, and need not stay narrower than a region proven within it.
 */
final class RiskBounds {
    /** z of a one-sided 95% bound. */
    static final double Z = 1.645;

    private RiskBounds() {
    }

    /** The upper bound of the error rate; 1 for no trials. */
    static double upper(int errors, int n) {
        if (n <= 0) {
            return 1;
        }
        double p = (double) errors / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.min(1, (centre + spread) / (1 + z2 / n));
    }

    /** The lower bound of the error rate; 0 for no trials. */
    static double lower(int errors, int n) {
        if (n <= 0) {
            return 0;
        }
        double p = (double) errors / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - spread) / (1 + z2 / n));
    }
}
