package dev.metakube.eval;

import dev.metakube.api.InvalidInputException;

/**
 * A judge's sub-scores, each in [0, 10], and the four dimensions of the paper's appendix A.4 with its weights:
 * <ul>
 *   <li>effectiveness = 0.4 · root cause + 0.3 · resolution + 0.3 · prevention</li>
 *   <li>equivalence = 0.5 · alignment + 0.5 · method</li>
 *   <li>completeness = 0.3 · steps + 0.3 · commands + 0.4 · edge cases</li>
 *   <li>safety and accuracy = 0.5 · correctness + 0.5 · best practice</li>
 * </ul>
 * The overall score is the plain mean of the four dimensions.
 */
public record JudgeScore(double rootCause, double resolution, double prevention, double alignment, double method,
                         double steps, double commands, double edgeCases, double correctness, double bestPractice) {
    /** The sub-score names, in the order of the components, as the judge is asked to write them. */
    public static final String[] FIELDS = {"root_cause", "resolution", "prevention", "alignment", "method", "steps",
        "commands", "edge_cases", "correctness", "best_practice"};

    public JudgeScore {
        double[] all = {rootCause, resolution, prevention, alignment, method, steps, commands, edgeCases, correctness,
            bestPractice};
        for (int i = 0; i < all.length; i++) {
            if (!(all[i] >= 0 && all[i] <= 10)) {
                throw new InvalidInputException("judge." + FIELDS[i], "must be in [0, 10], was " + all[i]);
            }
        }
    }

    public double effectiveness() {
        return 0.4 * rootCause + 0.3 * resolution + 0.3 * prevention;
    }

    public double equivalence() {
        return 0.5 * alignment + 0.5 * method;
    }

    public double completeness() {
        return 0.3 * steps + 0.3 * commands + 0.4 * edgeCases;
    }

    public double safety() {
        return 0.5 * correctness + 0.5 * bestPractice;
    }

    public double overall() {
        return (effectiveness() + equivalence() + completeness() + safety()) / 4;
    }

    /** The four dimensions and the overall score, in that order. */
    public double[] dimensions() {
        return new double[] {effectiveness(), equivalence(), completeness(), safety(), overall()};
    }
}
