package dev.metakube.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.Fsync;
import dev.metakube.durable.RecordLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
 * <p>Files: a {@link RecordLog} in {@code dataDir/engine}, segments {@code feedback-<first seq>.log}, one JSON
 * object per record ({@code begin} with the lesson, {@code done} with a step, {@code commit}). A journal of an
 * earlier version ({@code feedback.journal}, JSON Lines without checksums) is read once, its unfinished lessons
 * are written to the new log, and the old file is deleted only after that is durable. Without a data directory
 * the journal is kept in memory (it still protects against backend failures). Not thread-safe: the engine
 * serializes learning.
 */
final class FeedbackJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackJournal.class);
    /** Records after which the log starts afresh (when nothing is pending). */
    private static final int COMPACT_AFTER = 2_000;
    /** File name prefix of the log segments. */
    static final String LOG_NAME = "feedback";
    /** The JSON Lines journal of earlier versions, upgraded on open. */
    static final String LEGACY_FILE = "feedback.journal";

    /** A lesson not yet fully applied, with the steps already done. */
    record Entry(Lesson lesson, Set<Lesson.Step> done) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final RecordLog log;
    private final Map<Long, Entry> pending = new LinkedHashMap<>();
    private long nextSeq = 1;
    private int lines;

    private FeedbackJournal() {
        this.log = null;
    }

    private FeedbackJournal(Path dir, Fsync fsync) {
        Path legacy = dir.resolve(LEGACY_FILE);
        if (Files.exists(legacy)) {
            upgradeLegacy(dir, legacy, fsync);
        }
        this.log = RecordLog.open(dir, LOG_NAME, "feedback journal", fsync, RecordLog.FROM_OLDEST,
                (seq, payload) -> load(dir, seq, payload));
    }

    static FeedbackJournal inMemory() {
        return new FeedbackJournal();
    }

    /**
     * Opens (or creates) the journal in {@code dir}; lessons not fully applied before are {@link #pending()}.
     *
     * @throws StorageCorruptedException when a record other than a torn last one cannot be read
     */
    static FeedbackJournal open(Path dir) {
        return open(dir, Fsync.DEFAULT);
    }

    static FeedbackJournal open(Path dir, Fsync fsync) {
        return new FeedbackJournal(dir, fsync);
    }

    private void load(Path dir, long recordSeq, byte[] payload) {
        JsonNode o;
        try {
            o = json.readTree(payload);
        } catch (IOException e) {
            throw new StorageCorruptedException("feedback journal in " + dir + ": record " + recordSeq
                    + " passes its checksum but is not valid JSON (" + e.getMessage() + "); it was left untouched", e);
        }
        apply(o, "feedback journal in " + dir + ": record " + recordSeq);
    }

    /** Applies one journal entry (a begin, done or commit) to {@link #pending}. */
    private void apply(JsonNode o, String where) {
        long seq = o.path("seq").asLong();
        nextSeq = Math.max(nextSeq, seq + 1);
        switch (o.path("op").asText()) {
            case "begin":
                try {
                    pending.put(seq, new Entry(json.treeToValue(o.path("lesson"), Lesson.class),
                            EnumSet.noneOf(Lesson.Step.class)));
                } catch (IOException | RuntimeException e) {
                    throw new StorageCorruptedException(where + " holds a lesson that cannot be read ("
                            + e.getMessage() + "); the journal was left untouched", e);
                }
                break;
            case "done":
                Entry en = pending.get(seq);
                if (en != null) {
                    try {
                        en.done().add(Lesson.Step.valueOf(o.path("step").asText()));
                    } catch (IllegalArgumentException e) {
                        throw new StorageCorruptedException(where + " names an unknown step '"
                                + o.path("step").asText() + "'; the journal was left untouched", e);
                    }
                }
                break;
            case "commit":
                pending.remove(seq);
                break;
            default:
                throw new StorageCorruptedException(where + " has an unknown op '" + o.path("op").asText()
                        + "'; the journal was left untouched");
        }
        lines++;
    }

    /**
     * Reads a JSON Lines journal of an earlier version (a torn last line ignored, as it always was), writes its
     * unfinished lessons to a new log and deletes the old file once they are durable. A log found beside it is
     * what an upgrade interrupted by a crash left behind: it holds nothing the old file does not, and is redone.
     */
    private void upgradeLegacy(Path dir, Path legacy, Fsync fsync) {
        try {
            List<String> all = Files.readAllLines(legacy, StandardCharsets.UTF_8);
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
                        LOG.warn("{}: the last line is torn (a crash while writing it); ignored", legacy);
                        continue;
                    }
                    throw new StorageCorruptedException(legacy + ": line " + (i + 1) + " is not valid JSON ("
                            + e.getOriginalMessage() + "); the journal was left untouched", e);
                }
                apply(o, legacy + ": line " + (i + 1));
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(LOG_NAME + "-")
                        && p.getFileName().toString().endsWith(".log")).toList()) {
                    Files.delete(p);
                }
            }
            try (RecordLog fresh = RecordLog.open(dir, LOG_NAME, "feedback journal", fsync, 0, (seq, p) -> { })) {
                long last = 0;
                for (Map.Entry<Long, Entry> e : pending.entrySet()) {
                    last = fresh.append(bytes(beginEntry(e.getValue().lesson())));
                    for (Lesson.Step step : e.getValue().done()) {
                        last = fresh.append(bytes(doneEntry(e.getKey(), step)));
                    }
                }
                fresh.awaitDurable(last);
            }
            Files.delete(legacy);
            fsync.forceDirectory(dir);
            LOG.info("{}: upgraded to a checksummed log ({} unfinished lessons kept)", legacy, pending.size());
            pending.clear();
            lines = 0;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot upgrade the feedback journal " + legacy + ": " + e
                    + "; it was left in place", e);
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
        append(beginEntry(lesson));
    }

    /** Marks a step of a lesson applied. */
    void done(long seq, Lesson.Step step) {
        Entry e = pending.get(seq);
        if (e != null) {
            e.done().add(step);
        }
        append(doneEntry(seq, step));
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

    private ObjectNode beginEntry(Lesson lesson) {
        ObjectNode o = json.createObjectNode();
        o.put("seq", lesson.seq());
        o.put("op", "begin");
        o.set("lesson", json.valueToTree(lesson));
        return o;
    }

    private ObjectNode doneEntry(long seq, Lesson.Step step) {
        ObjectNode o = json.createObjectNode();
        o.put("seq", seq);
        o.put("op", "done");
        o.put("step", step.name());
        return o;
    }

    /** Starts a new log segment and drops the old ones when every lesson in them is committed. */
    void compact() {
        if (log == null || !pending.isEmpty()) {
            return;
        }
        log.roll(log.lastSequence());
        lines = 0;
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a lesson that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Appends a record and returns once it is on disk. */
    private void append(ObjectNode o) {
        lines++;
        if (log == null) {
            return;
        }
        log.awaitDurable(log.append(bytes(o)));
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
