package dev.metakube.store.postgres;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LocalPostgres} server for the tests of one class: started before the first, stopped after the last.
 * Each test takes a database of its own with {@link #freshDatabase()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresServerExtension PG = new PostgresServerExtension();
 * }</pre>
 */
final class PostgresServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final AtomicInteger databases = new AtomicInteger();
    private LocalPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server. */
    LocalPostgres server() {
        return server;
    }

    /** A new empty database; its JDBC location, without credentials. */
    String freshDatabase() {
        return server.createDatabase("t" + databases.incrementAndGet());
    }
}
