package dev.metakube.store.postgres;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.spi.ExperienceLog;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExperienceLog} on PostgreSQL: one table ({@link Schema#TABLE}), one row per record.
 *
 * <ul>
 *   <li>Append: one transaction that takes a transaction-scoped advisory lock, inserts the row (nothing when its
 *       key is there already), sends {@code NOTIFY} and commits. The lock makes sequence numbers grow in commit
 *       order, so that a reader that has seen record n has seen every record below n that will ever exist. The
 *       append is retried once on a fresh connection (safe: the key makes it idempotent).</li>
 *   <li>Follow: a thread of its own holds a connection that {@code LISTEN}s on {@link #CHANNEL}; a notification,
 *       a reconnection after a lost connection, or {@link #POLL_MS} without either wakes the follower, which
 *       reads by sequence number. A connection lost is retried with a growing pause (up to
 *       {@link #MAX_BACKOFF_MS}).</li>
 * </ul>
 *
 * <p>Vectors are stored as {@code real[]} and searched in the engine's process: pgvector is not assumed.
 * Messages name the location without its password, and any text from the driver is masked.
 */
final class PostgresExperienceLog implements ExperienceLog {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresExperienceLog.class);
    /** The notification channel. */
    static final String CHANNEL = "metakube_experience";
    /** The advisory lock key that orders appends ("MKappend" in ASCII). */
    static final long APPEND_LOCK = 0x4d4b617070656e64L;
    /** A follower is woken at least this often (ms), even without a notification. */
    static final long POLL_MS = 5_000;
    /** The longest pause between reconnection attempts (ms). */
    static final long MAX_BACKOFF_MS = 2_000;

    private final StoreLocation where;
    private final Link writer;
    private final Link reader;
    private volatile boolean closed;
    private Thread follower;

    private PostgresExperienceLog(StoreLocation where) {
        this.where = where;
        this.writer = new Link(where, "metakube-writer");
        this.reader = new Link(where, "metakube-reader");
    }

    /**
     * Connects and brings the schema up to date.
     *
     * @throws BackendUnavailableException when PostgreSQL cannot be reached or refuses the login
     */
    static PostgresExperienceLog open(StoreLocation where) {
        PostgresExperienceLog log = new PostgresExperienceLog(where);
        try {
            int before = Schema.migrate(log.writer.get());
            LOG.info("shared experience store {} (schema version {}{})", where.shown(), Schema.latest(),
                    before == Schema.latest() ? "" : ", migrated from " + before);
            return log;
        } catch (SQLException e) {
            log.close();
            throw new BackendUnavailableException("cannot open the shared experience store " + where.shown() + ": "
                    + where.mask(e.getMessage()) + " (SQL state " + e.getSQLState() + "); check that PostgreSQL "
                    + "is running there and that the user and password are right (" + STORE + ", "
                    + "METAKUBE_STORE_PASSWORD or " + PASSWORD_FILE + ")", null);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    @Override
    public long append(String key, String origin, byte[] payload, float[] embedding) {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            synchronized (writer) {
                try {
                    return insert(writer.get(), key, origin, payload, embedding);
                } catch (SQLException e) {
                    last = e;
                    writer.drop();
                }
            }
        }
        throw unreachable("record the feedback", last);
    }

    private static long insert(Connection c, String key, String origin, byte[] payload, float[] embedding)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            long seq = -1;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + Schema.TABLE
                    + " (key, origin, payload, embedding) VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (key) DO NOTHING "
                    + "RETURNING seq")) {
                ins.setString(1, key);
                ins.setString(2, origin);
                ins.setString(3, new String(payload, StandardCharsets.UTF_8));
                if (embedding == null) {
                    ins.setNull(4, java.sql.Types.ARRAY);
                } else {
                    Float[] boxed = new Float[embedding.length];
                    for (int i = 0; i < embedding.length; i++) {
                        boxed[i] = embedding[i];
                    }
                    ins.setArray(4, c.createArrayOf("float4", boxed));
                }
                try (ResultSet rs = ins.executeQuery()) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                    }
                }
            }
            if (seq < 0) {
                try (PreparedStatement sel = c.prepareStatement("SELECT seq FROM " + Schema.TABLE + " WHERE key = ?")) {
                    sel.setString(1, key);
                    try (ResultSet rs = sel.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                }
            } else {
                try (PreparedStatement n = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    n.setString(1, CHANNEL);
                    n.setString(2, Long.toString(seq));
                    n.execute();
                }
            }
            c.commit();
            return seq;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public List<Entry> readAfter(long afterSeq, int limit) {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) { // a connection found stale is replaced once: reads are idempotent
            synchronized (reader) {
                try {
                    return select(reader.get(), afterSeq, limit);
                } catch (SQLException e) {
                    last = e;
                    reader.drop();
                }
            }
        }
        throw new BackendUnavailableException("cannot read the shared experience: the store " + where.shown()
                + " is unreachable (" + where.mask(last.getMessage()) + ")", null);
    }

    private static List<Entry> select(Connection c, long afterSeq, int limit) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement s = c.prepareStatement("SELECT seq, key, origin, payload::text, embedding FROM "
                + Schema.TABLE + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            s.setLong(1, afterSeq);
            s.setInt(2, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4).getBytes(StandardCharsets.UTF_8), vector(rs.getArray(5))));
                }
            }
            return out;
        }
    }

    private static float[] vector(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object[] boxed = (Object[]) a.getArray();
        float[] v = new float[boxed.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) boxed[i]).floatValue();
        }
        return v;
    }

    @Override
    public synchronized void follow(Runnable wake) {
        if (follower != null) {
            throw new IllegalStateException("already following " + where.shown());
        }
        follower = new Thread(() -> listen(wake), "metakube-store-follower");
        follower.setDaemon(true);
        follower.start();
    }

    private void listen(Runnable wake) {
        Link listener = new Link(where, "metakube-listener");
        long backoff = 100;
        long lastWake = System.nanoTime();
        boolean listening = false;
        while (!closed) {
            try {
                if (!listening) {
                    try (Statement s = listener.get().createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                    listening = true;
                    backoff = 100;
                    wakeSafely(wake); // catch up with what was appended while not listening
                    lastWake = System.nanoTime();
                }
                PGNotification[] got = listener.get().unwrap(PGConnection.class).getNotifications(500);
                if ((got != null && got.length > 0)
                        || System.nanoTime() - lastWake > TimeUnit.MILLISECONDS.toNanos(POLL_MS)) {
                    wakeSafely(wake);
                    lastWake = System.nanoTime();
                }
            } catch (SQLException e) {
                listener.drop();
                if (closed) {
                    break;
                }
                if (listening) {
                    LOG.warn("lost the connection to the shared experience store {} ({}); reconnecting, then "
                            + "catching up by sequence number", where.shown(), where.mask(e.getMessage()));
                }
                listening = false;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        listener.drop();
    }

    private void wakeSafely(Runnable wake) {
        try {
            wake.run();
        } catch (RuntimeException e) {
            LOG.warn("catching up with the shared experience store failed ({}); retried at the next wake",
                    where.mask(e.getMessage()));
        }
    }

    private BackendUnavailableException unreachable(String what, SQLException e) {
        return new BackendUnavailableException("cannot " + what + ": the shared experience store " + where.shown()
                + " is unreachable (" + where.mask(e == null ? "" : e.getMessage()) + "); nothing was acknowledged, "
                + "send it again when the store is back (sent again, it is recorded once)", null);
    }

    @Override
    public String describe() {
        return "postgresql " + where.shown();
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = follower;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writer) {
            writer.drop();
        }
        synchronized (reader) {
            reader.drop();
        }
    }

    /** One connection, opened on demand and dropped when it fails. Callers synchronize on it. */
    private static final class Link {
        private final StoreLocation where;
        private final String name;
        private Connection connection;

        Link(StoreLocation where, String name) {
            this.where = where;
            this.name = name;
        }

        Connection get() throws SQLException {
            if (connection == null) {
                connection = DriverManager.getConnection(where.url(), where.connectionProperties(name));
            }
            return connection;
        }

        void drop() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
                connection = null;
            }
        }
    }
}
