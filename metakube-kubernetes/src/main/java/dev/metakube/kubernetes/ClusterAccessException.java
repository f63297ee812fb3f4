package dev.metakube.kubernetes;

import dev.metakube.api.MetaKubeException;

/**
 * The cluster could not be read at all: the API server is unreachable, refused the credentials, or forbids reading
 * the object asked about. The message is one line that says which server and what to check. Calls that fail
 * after the object itself was read do not throw: they are noted in the incident and collection goes on.
 */
public class ClusterAccessException extends MetaKubeException {
    private static final long serialVersionUID = 1L;

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
