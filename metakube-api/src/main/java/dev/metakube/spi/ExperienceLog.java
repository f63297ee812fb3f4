package dev.metakube.spi;

import java.util.List;

/**
 * A durable log of experience shared by several engines: every piece of feedback an engine accepts is appended
 * here (committed before the feedback is acknowledged) and every engine applies every record once to its local
 * stores, which are then caches of this log. Records are numbered by a sequence that grows in commit order, so
 * that an engine that reads everything after the last number it applied misses nothing, however long it was
 * disconnected.
 *
 * <p>Found through {@link ExperienceLogProvider} when the configuration sets {@link #STORE}. Implementations are
 * thread-safe. Credentials never appear in messages, logs or {@link #describe()}.
 */
public interface ExperienceLog extends AutoCloseable {
    /** Configuration property: where the shared experience lives, e.g. {@code jdbc:postgresql://HOST:5432/DB}. */
    String STORE = "metakube.store";
    /** Configuration property: the store's user, when the location does not name one. */
    String USER = "metakube.store.user";
    /** Configuration property: the store's password (prefer {@link #PASSWORD_FILE} or the environment). */
    String PASSWORD = "metakube.store.password";
    /** Configuration property: a file whose first line is the store's password. */
    String PASSWORD_FILE = "metakube.store.passwordFile";

    /**
     * One record of the log.
     *
     * @param seq       its position, positive, growing in commit order
     * @param key       its idempotency key: appending the same key twice records it once
     * @param origin    the instance that appended it
     * @param payload   what was recorded (the engine writes JSON)
     * @param embedding the vector that goes with it, or null
     */
    record Entry(long seq, String key, String origin, byte[] payload, float[] embedding) {
    }

    /**
     * Appends a record in one transaction and returns its sequence number once it is committed. When a record
     * with the same key is already there nothing is written and that record's number is returned, so that a
     * retry after an unclear failure records nothing twice.
     *
     * @throws dev.metakube.api.BackendUnavailableException when the store cannot be reached: the record may or
     *         may not be committed (a record that is will reach every follower); the caller must not
     *         acknowledge it
     */
    long append(String key, String origin, byte[] payload, float[] embedding);

    /**
     * Records after {@code afterSeq}, oldest first, at most {@code limit}.
     *
     * @throws dev.metakube.api.BackendUnavailableException when the store cannot be reached
     */
    List<Entry> readAfter(long afterSeq, int limit);

    /**
     * Starts calling {@code wake} whenever new records may be there: on a notification from the store, after a
     * lost connection came back, and now and then in any case. The callback reads with {@link #readAfter};
     * it runs on a thread of the log's own, one call at a time. Call at most once.
     */
    void follow(Runnable wake);

    /** Where the log is, for logs and stats, with no credential. */
    String describe();

    /** Stops following and closes the connections. */
    @Override
    void close();
}
