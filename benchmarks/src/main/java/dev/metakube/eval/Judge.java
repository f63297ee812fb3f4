package dev.metakube.eval;

/**
 * Scores a diagnosis against the ground truth on the four dimensions of the paper's LLM-as-judge protocol
 * (appendix A.4). Implementations: {@link ModelJudge}, which asks a text model through {@link Completion};
 * tests use a scripted completion. Judges may be stochastic: {@link JudgeRuns} repeats and averages them.
 */
@FunctionalInterface
public interface Judge {
    /** Scores one case; every sub-score is in [0, 10]. */
    JudgeScore score(JudgeCase c);

    /**
     * A text model: a prompt in, its completion out. A configured diagnostic model that offers
     * {@link dev.metakube.spi.DiagnosticModel#completion()} judges through {@link ModelJudge#using}; any other text
     * generator (a served model, a scripted one in tests) plugs in by implementing this interface.
     */
    @FunctionalInterface
    interface Completion {
        String complete(String prompt);
    }
}
