package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.store.postgres.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store}: two command runs, each its own instance, share what was learned through PostgreSQL. */
class SharedStoreCommandLineIT {
    private static LocalPostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = LocalPostgres.start();
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static final String INCIDENT = String.join("\n",
            "id: shared-%s",
            "symptoms: report-exporter jobs stopped finishing",
            "context: {namespace: reports, kind: Job, name: report-exporter-%s}",
            "evidence:",
            "  - kind: logs",
            "    source: kubectl logs job/report-exporter-%s -n reports",
            "    text: |",
            "      ERROR tallyhub client: upstream answered TH-2207 export token rotated",
            "      ERROR export aborted, retrying in 30s");

    private Path incident(String n) throws IOException {
        Path p = dir.resolve("incident-" + n + ".yaml");
        Files.writeString(p, String.format(INCIDENT, n, n, n), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void feedbackThroughOneRunIsUsedByTheNextWhateverItsDataDirectory() throws IOException {
        String store = pg.createDatabase("cli");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, pg.password() + "\n");
        String url = store + "?user=" + LocalPostgres.USER;
        String cause = "The tallyhub client keeps using an export token the upstream rotated, so every export aborts";
        Cli fb = Cli.run("feedback", incident("1").toString(), "--data", dir.resolve("a").toString(), "--store", url,
                "--store-password-file", pw.toString(), "--category", "configuration", "--cause", cause);
        assertEquals(0, fb.exit, fb.toString());
        Cli after = Cli.run("diagnose", incident("2").toString(), "--data", dir.resolve("b").toString(), "--store", url,
                "--store-password-file", pw.toString());
        assertEquals(0, after.exit, after.toString());
        assertTrue(after.out.contains(cause), after.out);
        assertFalse(Files.exists(dir.resolve("b")), "the local stores are an in-memory cache of the shared store");
        assertFalse((fb + after.toString()).contains(pg.password()));
    }

    @Test
    void anUnreachableStoreIsOneClearLineWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli r = Cli.run("stats", "--store", "jdbc:postgresql://127.0.0.1:" + port + "/mk?password=hunter2-secret");
        assertTrue(r.exit != 0, r.toString());
        assertTrue(r.err.contains("cannot open the shared experience store jdbc:postgresql://127.0.0.1:" + port + "/mk"),
                r.toString());
        assertFalse(r.toString().contains("hunter2-secret"), r.toString());
    }
}
