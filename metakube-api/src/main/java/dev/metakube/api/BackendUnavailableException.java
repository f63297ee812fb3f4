package dev.metakube.api;

/** A backend (provider) is missing, misconfigured or failed to start. The message says what to add or set. */
public class BackendUnavailableException extends MetaKubeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
