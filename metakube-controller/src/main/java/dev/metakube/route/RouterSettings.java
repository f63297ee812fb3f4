package dev.metakube.route;

import dev.metakube.api.MetaKubeConfig;
import java.nio.file.Path;

/**
 * The meta-cognitive router's settings, read from a {@link MetaKubeConfig} in one place.
 *
 * @param initialThreshold τ0, the threshold before anything was learned
 * @param metaLearningRate η_meta, the step of the threshold update
 * @param errorWeight      ξ, the weight of error against latency in the threshold loss
 * @param targetError      ε, the error the risk guard holds the fast pathway to ({@value #TARGET_ERROR})
 * @param weightRate       the learning rate of the trust-score weights ({@value #WEIGHT_RATE})
 * @param window           how many recent outcomes the risk guard looks at ({@value #WINDOW})
 * @param stateFile        where the learned state is kept; null in memory
 */
record RouterSettings(double initialThreshold, double metaLearningRate, double errorWeight, double targetError,
                      double weightRate, int window, Path stateFile) {
    /** Configuration property: the target error ε of the fast pathway (default 0.08). */
    static final String TARGET_ERROR = "metakube.router.targetError";
    /** Configuration property: the learning rate of the weights (default 0.05). */
    static final String WEIGHT_RATE = "metakube.router.weightRate";
    /** Configuration property: how many recent outcomes the risk guard looks at (default 1000). */
    static final String WINDOW = "metakube.router.window";

    /**
     * The settings of a configuration.
     *
     * @throws dev.metakube.api.InvalidInputException naming the property when one is malformed or out of range
     */
    static RouterSettings from(MetaKubeConfig c) {
        return new RouterSettings(c.initialThreshold(), c.metaLearningRate(), c.errorWeight(),
                c.doubleProperty(TARGET_ERROR, 0.08, 0.001, 0.5), c.doubleProperty(WEIGHT_RATE, 0.05, 0, 1),
                c.intProperty(WINDOW, 1000, MetaCognitiveRouter.MIN_EVIDENCE, 1_000_000),
                c.dataDir() == null ? null : c.dataDir().resolve("router").resolve("state.json"));
    }
}
