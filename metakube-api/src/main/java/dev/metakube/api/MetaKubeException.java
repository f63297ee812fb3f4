package dev.metakube.api;

/**
 * Root of every exception MetaKube throws. Unchecked: callers catch the subtype they can act on.
 *
 * <ul>
 *   <li>{@link InvalidInputException}: the caller's input is wrong; retrying the same input fails again.</li>
 *   <li>{@link BackendUnavailableException}: a provider is missing or cannot start; fix the class path
 *       or configuration.</li>
 *   <li>{@link StorageCorruptedException}: stored data failed an integrity check; nothing was overwritten.</li>
 * </ul>
 */
public class MetaKubeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetaKubeException(String message) {
        super(message);
    }

    public MetaKubeException(String message, Throwable cause) {
        super(message, cause);
    }
}
