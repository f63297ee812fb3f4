package dev.metakube.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal of the learning loop. A lesson is written (and forced to disk) before any backend is
 * touched; each applied step and the end are then marked. A lesson whose end is not marked (a crash or a
 * backend failure in between) is applied again from its first unmarked step, at the next feedback or when an
 * engine opens the same data directory, so memory, graph and router never stay half-taught. Re-applying is
 * idempotent for the episode (it is recorded only if absent); the other steps are marked one by one, so only a
 * crash inside a single step can repeat it.
 *
 * <p>File: {@code dataDir/engine/feedback.journal}, JSON Lines. Without a data directory the journal is kept in
 * memory (it still protects against backend failures). Not thread-safe: the engine serializes learning.
 */
final class FeedbackJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackJournal.class);
    /** Committed lines after which the file is truncated (when nothing is pending). */
    private static final int COMPACT_AFTER = 2_000;

    /** A lesson not yet fully applied, with the steps already done. */
    record Entry(Lesson lesson, Set<Lesson.Step> done) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final FileChannel channel;
    private final Map<Long, Entry> pending = new LinkedHashMap<>();
    private long nextSeq = 1;
    private int lines;

    private FeedbackJournal(Path file) {
        this.file = file;
        if (file == null) {
            this.channel = null;
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                load();
            }
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot open the feedback journal " + file + ": " + e.getMessage(), e);
        }
    }

    static FeedbackJournal inMemory() {
        return new FeedbackJournal(null);
    }

    /**
     * Opens (or creates) the journal in {@code dir}; lessons not fully applied before are {@link #pending()}.
     *
     * @throws StorageCorruptedException when a line other than a torn last one cannot be read
     */
    static FeedbackJournal open(Path dir) {
        return new FeedbackJournal(dir.resolve("feedback.journal"));
    }

    private void load() throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = json.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                if (i == all.size() - 1) {
                    LOG.warn("{}: the last line is torn (a crash while writing it); ignored", file);
                    continue;
                }
                throw new StorageCorruptedException(file + ": line " + (i + 1) + " is not valid JSON ("
                        + e.getOriginalMessage() + "); the journal was left untouched", e);
            }
            long seq = o.path("seq").asLong();
            nextSeq = Math.max(nextSeq, seq + 1);
            switch (o.path("op").asText()) {
                case "begin":
                    try {
                        pending.put(seq, new Entry(json.treeToValue(o.path("lesson"), Lesson.class),
                                EnumSet.noneOf(Lesson.Step.class)));
                    } catch (IOException | RuntimeException e) {
                        throw new StorageCorruptedException(file + ": line " + (i + 1) + " holds a lesson that cannot "
                                + "be read (" + e.getMessage() + "); the journal was left untouched", e);
                    }
                    break;
                case "done":
                    Entry en = pending.get(seq);
                    if (en != null) {
                        en.done().add(Lesson.Step.valueOf(o.path("step").asText()));
                    }
                    break;
                case "commit":
                    pending.remove(seq);
                    break;
                default:
                    throw new StorageCorruptedException(file + ": line " + (i + 1) + " has an unknown op '"
                            + o.path("op").asText() + "'; the journal was left untouched");
            }
            lines++;
        }
    }

    /** The next sequence number. */
    long nextSeq() {
        return nextSeq;
    }

    /** Lessons begun and not committed, oldest first. */
    List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    /** Writes the lesson durably before anything is applied. */
    void begin(Lesson lesson) {
        nextSeq = Math.max(nextSeq, lesson.seq() + 1);
        pending.put(lesson.seq(), new Entry(lesson, EnumSet.noneOf(Lesson.Step.class)));
        ObjectNode o = json.createObjectNode();
        o.put("seq", lesson.seq());
        o.put("op", "begin");
        o.set("lesson", json.valueToTree(lesson));
        append(o);
    }

    /** Marks a step of a lesson applied. */
    void done(long seq, Lesson.Step step) {
        Entry e = pending.get(seq);
        if (e != null) {
            e.done().add(step);
        }
        ObjectNode o = json.createObjectNode();
        o.put("seq", seq);
        o.put("op", "done");
        o.put("step", step.name());
        append(o);
    }

    /** Marks a lesson fully applied. */
    void commit(long seq) {
        pending.remove(seq);
        ObjectNode o = json.createObjectNode();
        o.put("seq", seq);
        o.put("op", "commit");
        append(o);
        if (lines > COMPACT_AFTER && pending.isEmpty()) {
            compact();
        }
    }

    /** Empties the file when every lesson in it is committed. */
    void compact() {
        if (channel == null || !pending.isEmpty()) {
            return;
        }
        try {
            channel.truncate(0);
            channel.force(true);
            lines = 0;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot compact the feedback journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(ObjectNode o) {
        lines++;
        if (channel == null) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap((json.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write the feedback journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", file, e.toString());
            }
        }
    }
}
