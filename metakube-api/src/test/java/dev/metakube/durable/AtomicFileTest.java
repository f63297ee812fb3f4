package dev.metakube.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.StorageCorruptedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void checkedContentRoundTripsAndStaysReadableText() throws Exception {
        Path file = dir.resolve("sub").resolve("state.json");
        byte[] content = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        AtomicFile.writeChecked(file, content, Fsync.DEFAULT, "state");
        AtomicFile.Content read = AtomicFile.readChecked(file, "state").orElseThrow();
        assertArrayEquals(content, read.bytes());
        assertFalse(read.legacy());
        assertTrue(Files.readString(file).startsWith("{\"a\":1}\n#crc32c "), Files.readString(file));
        assertFalse(Files.exists(file.resolveSibling("state.json.tmp")), "no temporary file left behind");
    }

    @Test
    void aFileWithoutChecksumIsLegacyAndAnyDamagedByteIsCaught() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "{\"old\":true}");
        assertTrue(AtomicFile.readChecked(file, "state").orElseThrow().legacy());
        assertTrue(AtomicFile.readChecked(dir.resolve("none"), "state").isEmpty());
        AtomicFile.writeChecked(file, "{\"b\":22}".getBytes(StandardCharsets.UTF_8), Fsync.DEFAULT, "state");
        byte[] good = Files.readAllBytes(file);
        int caught = 0;
        int legacy = 0;
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(file, bad);
            try {
                if (AtomicFile.readChecked(file, "state").orElseThrow().legacy()) {
                    legacy++; // the checksum line itself was damaged: the caller's strict parse refuses it
                }
            } catch (StorageCorruptedException e) {
                assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset"));
                caught++;
            }
        }
        assertTrue(caught + legacy == good.length && caught >= 8 + 8, caught + " caught, " + legacy + " legacy");
    }

    @Test
    void aFailedFsyncLeavesTheOldFile() throws Exception {
        Path file = dir.resolve("f");
        AtomicFile.writeChecked(file, "old".getBytes(StandardCharsets.UTF_8), Fsync.DEFAULT, "state");
        Fsync failing = new Fsync() {
            @Override
            public void force(java.nio.channels.FileChannel channel) throws java.io.IOException {
                throw new java.io.IOException("injected");
            }

            @Override
            public void forceDirectory(Path d) {
            }
        };
        assertThrows(dev.metakube.api.BackendUnavailableException.class,
                () -> AtomicFile.writeChecked(file, "new".getBytes(StandardCharsets.UTF_8), failing, "state"));
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), AtomicFile.readChecked(file, "state").orElseThrow().bytes());
        assertFalse(Files.exists(dir.resolve("f.tmp")));
    }
}
