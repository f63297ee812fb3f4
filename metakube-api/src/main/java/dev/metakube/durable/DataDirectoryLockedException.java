package dev.metakube.durable;

import dev.metakube.api.MetaKubeException;

/**
 * Another process (or another engine in this process) holds the data directory: only one may use it at a time.
 * The message names the holder and says what to do.
 */
public class DataDirectoryLockedException extends MetaKubeException {
    private static final long serialVersionUID = 1L;
    private final String holder;

    public DataDirectoryLockedException(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    /** Who holds the lock, as its lock file says ({@code pid 4242 on host build-1, started ...}). */
    public String holder() {
        return holder;
    }
}
