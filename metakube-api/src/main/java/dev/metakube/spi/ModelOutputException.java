package dev.metakube.spi;

import dev.metakube.api.MetaKubeException;

/** The model's output could not be turned into an answer, even after repair and one retry. */
public class ModelOutputException extends MetaKubeException {
    private static final long serialVersionUID = 1L;

    public ModelOutputException(String message) {
        super(message);
    }

    public ModelOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
