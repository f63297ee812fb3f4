package dev.metakube.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.StorageCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileOfTheEarlierFormatIsReadOnceAndRewrittenWithAChecksum() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"format\":1,\"tau\":0.42}");
        assertEquals(0.42, StateFiles.read(file).orElseThrow().path("tau").asDouble(), 1e-12);
        String rewritten = Files.readString(file);
        assertTrue(rewritten.startsWith("{\"format\":1,\"tau\":0.42}\n#crc32c "), rewritten);
        assertEquals(0.42, StateFiles.read(file).orElseThrow().path("tau").asDouble(), 1e-12);
        assertEquals(rewritten, Files.readString(file), "read again, it is left as it is");
    }

    @Test
    void aDamagedChecksumLineIsNotTakenForAnOldFile() throws Exception {
        Path file = dir.resolve("state.json");
        StateFiles.write(file, StateFiles.json().createObjectNode().put("tau", 0.5));
        byte[] data = Files.readAllBytes(file);
        data[data.length - 12] ^= 0x20; // inside "#crc32c": the file no longer looks checksummed
        Files.write(file, data);
        assertThrows(StorageCorruptedException.class, () -> StateFiles.read(file));
        assertArrayEquals(data, Files.readAllBytes(file));
    }
}
