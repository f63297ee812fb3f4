package dev.metakube.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.ExperienceLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {
    private static MetaKubeConfig.Builder at(String url) {
        return MetaKubeConfig.builder().property(ExperienceLog.STORE, url);
    }

    @Test
    void thePasswordInTheLocationIsTakenOutOfItAndNeverShown() {
        StoreLocation l = StoreLocation.of(at("jdbc:postgresql://db.example:5432/mk?user=ops&password=hunter2&sslmode=require")
                .build(), Map.of());
        assertEquals("jdbc:postgresql://db.example:5432/mk?sslmode=require", l.url());
        assertEquals("ops", l.user());
        assertEquals("hunter2", l.password());
        assertFalse(l.shown().contains("hunter2"), l.shown());
        assertFalse(l.toString().contains("hunter2"), l.toString());
        assertEquals("login for ops with *** failed", l.mask("login for ops with hunter2 failed"));
        assertEquals("hunter2", l.connectionProperties("t").getProperty("password"));
    }

    @Test
    void thePasswordComesFromThePropertyThenTheFileThenTheEnvironment(@TempDir Path dir) throws Exception {
        String url = "jdbc:postgresql://h:1/d";
        assertEquals("p1", StoreLocation.of(at(url).property(ExperienceLog.PASSWORD, "p1").build(),
                Map.of("PGPASSWORD", "p4")).password());
        Path file = dir.resolve("pw");
        Files.writeString(file, "p2\nignored\n");
        assertEquals("p2", StoreLocation.of(at(url).property(ExperienceLog.PASSWORD_FILE, file.toString()).build(),
                Map.of("PGPASSWORD", "p4")).password());
        assertEquals("p3", StoreLocation.of(at(url).build(), Map.of("METAKUBE_STORE_PASSWORD", "p3", "PGPASSWORD", "p4"))
                .password());
        assertEquals("p4", StoreLocation.of(at(url).build(), Map.of("PGPASSWORD", "p4", "PGUSER", "u")).password());
        assertEquals("u", StoreLocation.of(at(url).build(), Map.of("PGUSER", "u")).user());
        assertEquals("", StoreLocation.of(at(url).build(), Map.of()).password());
    }

    @Test
    void aMissingPasswordFileSaysWhichPropertyNamedIt(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StoreLocation.of(at("jdbc:postgresql://h/d")
                .property(ExperienceLog.PASSWORD_FILE, dir.resolve("absent").toString()).build(), Map.of()));
        assertTrue(e.getMessage().startsWith(ExperienceLog.PASSWORD_FILE), e.getMessage());
    }

    @Test
    void aLocationThatIsNotPostgresIsRefusedWithoutShowingItsPassword() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> StoreLocation.of(at("jdbc:mysql://h/d?password=hunter2").build(), Map.of()));
        assertTrue(e.getMessage().contains("jdbc:postgresql://HOST:PORT/DATABASE"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals("postgres://ops:***@h/d", StoreLocation.withoutSecrets("postgres://ops:hunter2@h/d"));
    }
}
