package dev.metakube.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.AtomicFile;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small JSON state files, each an {@link AtomicFile} with a checksum line: a crash leaves either the old or the
 * new state, and damage on disk is detected. A file of an earlier version (plain JSON, no checksum) is read once
 * and rewritten with one.
 */
final class StateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StateFiles() {
    }

    /** Writes {@code node} to {@code file} atomically and durably. */
    static void write(Path file, JsonNode node) {
        write(file, node, Fsync.DEFAULT);
    }

    static void write(Path file, JsonNode node, Fsync fsync) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        AtomicFile.writeChecked(file, bytes, fsync, "state file");
    }

    /**
     * Reads {@code file}; empty when it does not exist.
     *
     * @throws StorageCorruptedException when it fails its checksum or is not valid JSON (it is left untouched)
     */
    static Optional<JsonNode> read(Path file) {
        return read(file, Fsync.DEFAULT);
    }

    static Optional<JsonNode> read(Path file, Fsync fsync) {
        Optional<AtomicFile.Content> content = AtomicFile.readChecked(file, "state file");
        if (content.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(content.get().bytes());
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new StorageCorruptedException(file + " is not valid JSON (" + why + "); it was left untouched: "
                    + "move it away to start from defaults", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new StorageCorruptedException(file + " is empty; it was left untouched: move it away to start "
                    + "from defaults");
        }
        if (content.get().legacy()) {
            AtomicFile.writeChecked(file, content.get().bytes(), fsync, "state file");
            LOG.info("{}: written by an earlier version without a checksum; rewritten with one", file);
        }
        return Optional.of(node);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
