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
     * A text model: a prompt in, its completion out. This is how a model backend plugs in as judge: wrap any text
     * generator (a local Qwen3 through DJL, a served model) in this interface. The diagnostic model SPI writes
     * structured diagnoses and cannot answer free-form prompts, so it does not serve as a judge by itself.
     */
    @FunctionalInterface
    interface Completion {
        String complete(String prompt);
    }
}
