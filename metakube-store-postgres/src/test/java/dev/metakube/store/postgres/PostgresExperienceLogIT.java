package dev.metakube.store.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.ExperienceLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExperienceLogIT {
    @RegisterExtension
    static final PostgresServerExtension PG = new PostgresServerExtension();

    static MetaKubeConfig config(String url, String password) {
        MetaKubeConfig.Builder b = MetaKubeConfig.builder().seedExperience(false).property(ExperienceLog.STORE, url)
                .property(ExperienceLog.USER, LocalPostgres.USER);
        return (password.isEmpty() ? b : b.property(ExperienceLog.PASSWORD, password)).build();
    }

    private static ExperienceLog open(String url) {
        return new PostgresExperienceLogProvider().create(config(url, PG.server().password()));
    }

    static long count(LocalPostgres server, String url, String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", LocalPostgres.USER);
        p.setProperty("password", server.password());
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] json(String s) {
        return ("{\"v\": \"" + s + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendsAreReadBackInOrderWithTheirVectorsAndAKeyIsRecordedOnce() {
        String url = PG.freshDatabase();
        try (ExperienceLog log = open(url)) {
            long a = log.append("k1", "me", json("a"), new float[] {0.25f, -1f});
            long b = log.append("k2", "me", json("b"), null);
            assertTrue(b > a);
            assertEquals(a, log.append("k1", "other", json("changed"), null), "the same key is recorded once");
            List<ExperienceLog.Entry> all = log.readAfter(0, 10);
            assertEquals(2, all.size());
            assertEquals("k1", all.get(0).key());
            assertArrayEquals(new float[] {0.25f, -1f}, all.get(0).embedding());
            assertTrue(new String(all.get(0).payload(), StandardCharsets.UTF_8).contains("\"a\""));
            assertEquals(null, all.get(1).embedding());
            assertEquals(List.of(), log.readAfter(b, 10));
            assertTrue(log.describe().contains(url), log.describe());
        }
    }

    @Test
    void twoInstancesMigratingAtOnceLeaveOneSchema() throws Exception {
        String url = PG.freshDatabase();
        int n = 4;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<ExperienceLog>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                opened.add(pool.submit(() -> {
                    together.await();
                    return open(url);
                }));
            }
            List<ExperienceLog> logs = new ArrayList<>();
            for (Future<ExperienceLog> f : opened) {
                logs.add(f.get());
            }
            for (int i = 0; i < logs.size(); i++) {
                logs.get(i).append("from-" + i, "i" + i, json("x"), null);
            }
            for (ExperienceLog l : logs) {
                l.close();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Schema.latest(), count(PG.server(), url, "SELECT count(*) FROM " + Schema.VERSIONS));
        assertEquals(Schema.latest(), count(PG.server(), url, "SELECT max(version) FROM " + Schema.VERSIONS));
        assertEquals(n, count(PG.server(), url, "SELECT count(*) FROM " + Schema.TABLE));
        try (ExperienceLog again = open(url)) {
            assertEquals(n, again.readAfter(0, 100).size(), "opening a migrated store changes nothing");
        }
        assertEquals(Schema.latest(), count(PG.server(), url, "SELECT count(*) FROM " + Schema.VERSIONS));
    }

    @Test
    void aFollowerIsWokenByANotificationAndCatchesUpAfterALostConnection() throws Exception {
        String url = PG.freshDatabase();
        try (ExperienceLog writer = open(url); ExperienceLog reader = open(url)) {
            java.util.concurrent.LinkedBlockingQueue<Long> seen = new java.util.concurrent.LinkedBlockingQueue<>();
            long[] cursor = {0};
            reader.follow(() -> {
                for (ExperienceLog.Entry e : reader.readAfter(cursor[0], 100)) {
                    seen.add(e.seq());
                    cursor[0] = e.seq();
                }
            });
            long first = writer.append("n1", "w", json("1"), null);
            assertEquals(first, seen.poll(30, java.util.concurrent.TimeUnit.SECONDS));
            PG.server().restart();
            long second = writer.append("n2", "w", json("2"), null);
            assertEquals(second, seen.poll(30, java.util.concurrent.TimeUnit.SECONDS),
                    "appended while the follower reconnects, read by sequence number");
        }
    }

    @Test
    void aStoreDownAtStartIsAClearErrorAndNoCredentialIsEverShown() throws Exception {
        String url = PG.freshDatabase();
        String password = PG.server().password();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> messages = new ArrayList<>();
        try {
            try (ExperienceLog log = new PostgresExperienceLogProvider().create(config(url + "?password=" + password, ""))) {
                messages.add(log.describe());
            }
            BackendUnavailableException wrong = assertThrows(BackendUnavailableException.class,
                    () -> new PostgresExperienceLogProvider().create(config(url, "not-" + password)));
            messages.add(wrong.getMessage());
            assertTrue(wrong.getMessage().contains("cannot open the shared experience store " + url), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("not-" + password), wrong.getMessage());
            PG.server().stop();
            try {
                BackendUnavailableException down = assertThrows(BackendUnavailableException.class,
                        () -> new PostgresExperienceLogProvider().create(config(url + "?password=" + password, "")));
                messages.add(down.getMessage());
                assertTrue(down.getMessage().contains("cannot open the shared experience store " + url), down.getMessage());
                assertTrue(down.getMessage().contains("check that PostgreSQL is running"), down.getMessage());
            } finally {
                PG.server().startAgain();
            }
        } finally {
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("shared experience store " + url), "the store is logged, by location: " + logs);
        for (String m : messages) {
            assertFalse(m.contains(password), m);
        }
        assertFalse(logs.contains(password), logs);
    }
}
