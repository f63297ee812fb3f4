package dev.metakube.store.postgres;

import dev.metakube.api.StorageCorruptedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the shared store, created and migrated by the library. Each version is a list of statements
 * applied once, in one transaction that first takes a transaction-scoped advisory lock, so that instances
 * starting at the same moment migrate one after the other and the second finds nothing left to do.
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    /** The advisory lock key of migrations (any fixed number; "MKschema" in ASCII). */
    static final long MIGRATION_LOCK = 0x4d4b736368656d61L;
    /** The table of experience records. */
    static final String TABLE = "metakube_experience";
    /** The table of applied versions. */
    static final String VERSIONS = "metakube_schema_version";

    /** Version n is {@code MIGRATIONS.get(n - 1)}; append, never edit. */
    static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE " + TABLE + " ("
                    + "seq bigserial PRIMARY KEY, "
                    + "key text NOT NULL UNIQUE, "
                    + "origin text NOT NULL, "
                    + "recorded_at timestamptz NOT NULL DEFAULT now(), "
                    + "payload jsonb NOT NULL, "
                    + "embedding real[])",
                    "COMMENT ON TABLE " + TABLE + " IS 'MetaKube shared experience: one row per accepted feedback "
                            + "(the redacted lesson: episode, reinforcements, graph lesson, routing and calibration "
                            + "outcomes), applied once by every instance in seq order'"));

    private Schema() {
    }

    /** The newest version this library knows. */
    static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the schema to {@link #latest()}; returns the version found before.
     *
     * @throws StorageCorruptedException when the database holds a newer version than this library knows
     * @throws SQLException when the database fails; nothing is half-applied
     */
    static int migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, MIGRATION_LOCK);
                lock.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS
                        + " (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            int found;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM "
                    + VERSIONS)) {
                rs.next();
                found = rs.getInt(1);
            }
            if (found > latest()) {
                throw new StorageCorruptedException("the shared store's schema is at version " + found
                        + " but this MetaKube knows versions up to " + latest() + "; upgrade MetaKube on this "
                        + "instance (the store was left untouched)");
            }
            for (int v = found + 1; v <= latest(); v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + VERSIONS + " (version) VALUES (?)")) {
                    ins.setInt(1, v);
                    ins.executeUpdate();
                }
                LOG.info("shared store schema migrated to version {}", v);
            }
            c.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is broken; the caller drops it
            }
        }
    }
}
