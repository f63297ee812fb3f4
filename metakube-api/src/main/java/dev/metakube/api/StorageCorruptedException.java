package dev.metakube.api;

/**
 * Stored data failed an integrity check (checksum, framing, format version). MetaKube never repairs
 * such data silently and never overwrites it; the message names the file and offset.
 */
public class StorageCorruptedException extends MetaKubeException {
    private static final long serialVersionUID = 1L;

    public StorageCorruptedException(String message) {
        super(message);
    }

    public StorageCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
