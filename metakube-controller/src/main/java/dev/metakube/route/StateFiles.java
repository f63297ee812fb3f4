package dev.metakube.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Small JSON state files written atomically: the new content goes to a temporary file in the same directory,
 * is forced to disk, then renamed over the old one, so a crash leaves either the old or the new state.
 */
final class StateFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFiles() {
    }

    /** Writes {@code node} to {@code file} atomically. */
    static void write(Path file, JsonNode node) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            byte[] bytes = JSON.writeValueAsBytes(node);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file}; empty when it does not exist.
     *
     * @throws StorageCorruptedException when it exists but is not valid JSON
     */
    static Optional<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Files.readAllBytes(file)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StorageCorruptedException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); it was left untouched: move it away to start from defaults", e);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
