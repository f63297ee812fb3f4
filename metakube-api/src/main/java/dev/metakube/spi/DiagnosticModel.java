package dev.metakube.spi;

import java.util.Optional;

/**
 * Writes a diagnosis from what the engine gathered (the paper's KubeLLM). The engine calls it once per
 * diagnosis, in the mode of the chosen pathway. Implementations are thread-safe or serialize internally.
 */
public interface DiagnosticModel extends AutoCloseable {
    /** The model's name as reported in diagnoses ({@code "template"}, {@code "qwen3-8b"}...). */
    String name();

    /**
     * Answers one request.
     *
     * @throws ModelOutputException when the model produced no usable answer (it is never passed off as one)
     */
    ModelAnswer answer(ModelRequest request);

    /**
     * Free-form completion with the same model, where it has one (a language model does; the template model, which
     * writes diagnoses from memories and causal chains without generating text, does not). Callers such as an
     * LLM-as-judge evaluation check for it rather than assume it.
     *
     * @return the completion capability, or empty when the model has none (the default)
     */
    default Optional<TextCompletion> completion() {
        return Optional.empty();
    }

    @Override
    void close();
}
