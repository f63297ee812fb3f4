package dev.metakube.spi;

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

    @Override
    void close();
}
