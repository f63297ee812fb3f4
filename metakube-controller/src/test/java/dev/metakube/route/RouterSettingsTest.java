package dev.metakube.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RouterSettingsTest {
    @Test
    void defaultsAreThePapersAndTheDocumentedOnes() {
        RouterSettings s = RouterSettings.from(MetaKubeConfig.defaults());
        assertEquals(0.75, s.initialThreshold());
        assertEquals(0.01, s.metaLearningRate());
        assertEquals(0.6, s.errorWeight());
        assertEquals(0.08, s.targetError());
        assertEquals(0.05, s.weightRate());
        assertEquals(1000, s.window());
        assertNull(s.stateFile());
    }

    @Test
    void propertiesAndTheDataDirectoryAreRead() {
        RouterSettings s = RouterSettings.from(MetaKubeConfig.builder().dataDir(Path.of("data"))
                .property(RouterSettings.TARGET_ERROR, "0.1").property(RouterSettings.WINDOW, "200").build());
        assertEquals(0.1, s.targetError());
        assertEquals(200, s.window());
        assertEquals(Path.of("data", "router", "state.json"), s.stateFile());
    }

    @Test
    void aWindowTooSmallForTheRiskGuardIsRefusedNamingTheKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RouterSettings.from(
                MetaKubeConfig.builder().property(RouterSettings.WINDOW, "5").build()));
        assertEquals(RouterSettings.WINDOW, e.where());
        assertTrue(e.getMessage().contains("'5'"), e.getMessage());
    }
}
