package dev.metakube.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.engine.MetaKube;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kill -9} of an instance in the middle of a feedback stream loses nothing it acknowledged. */
class KilledInstanceIT {
    @RegisterExtension
    static final PostgresServerExtension PG = new PostgresServerExtension();

    @Test
    void everyFeedbackAnInstanceAcknowledgedBeforeItWasKilledIsInTheStoreAndReachesANewInstance() throws Exception {
        String url = PG.freshDatabase();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SharedStoreChild.class.getName(), url, LocalPostgres.USER)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("METAKUBE_STORE_PASSWORD", PG.server().password());
        Process child = pb.start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && acknowledged.size() < 15) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL, in the middle of the next feedback
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(15, acknowledged.size(), "the child acknowledged feedback before it was killed");
        long rows = PostgresExperienceLogIT.count(PG.server(), url, "SELECT count(*) FROM " + Schema.TABLE);
        assertTrue(rows >= 15, rows + " rows");
        for (String episode : acknowledged) {
            assertEquals(1, PostgresExperienceLogIT.count(PG.server(), url, "SELECT count(*) FROM " + Schema.TABLE
                    + " WHERE payload->'lesson'->'episode'->>'id' = '" + episode + "'"), episode);
        }
        try (MetaKube next = MetaKube.builder().config(PostgresExperienceLogIT.config(url, PG.server().password())).build()) {
            assertEquals(rows, next.stats().memory().episodes(), "a new instance has every committed lesson");
        }
    }
}
