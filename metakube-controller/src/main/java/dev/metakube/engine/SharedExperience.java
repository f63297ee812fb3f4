package dev.metakube.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.Embedding;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.ExperienceLog;
import dev.metakube.spi.ExperienceLogProvider;
import dev.metakube.spi.Providers;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experience shared by several engines through an {@link ExperienceLog}. The unit of shared experience is the
 * lesson a piece of feedback teaches (redacted episode with its embedding and signature, reinforcements, graph
 * lesson, routing and calibration outcomes): the engine that accepts the feedback commits the lesson to the log
 * before acknowledging it, and every engine, that one included, applies every lesson of the log exactly once to
 * its local stores, which are therefore caches of the log. An engine reads the log in sequence order; the
 * sequence numbers of its own lessons, applied at once, are remembered until the reading passes them.
 *
 * <p>Not thread-safe by itself: every method runs under the learner's lock.
 */
final class SharedExperience implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedExperience.class);
    private static final int BATCH = 500;

    private final ExperienceLog log;
    private final String origin = UUID.randomUUID().toString();
    private final ObjectMapper json = new ObjectMapper();
    /** Every record up to here is applied. */
    private long cursor;
    /** Records above the cursor already applied (this engine's own). */
    private final Set<Long> ahead = new HashSet<>();
    private long applied;

    SharedExperience(ExperienceLog log) {
        this.log = log;
    }

    /**
     * The shared experience named by {@link ExperienceLog#STORE}, connected; null when the property is not set.
     *
     * @throws dev.metakube.api.BackendUnavailableException when no provider serves the location (the message
     *         says which module to add) or the store cannot be reached
     */
    static SharedExperience open(MetaKubeConfig config) {
        String where = config.property(ExperienceLog.STORE).orElse("");
        if (where.isBlank()) {
            return null;
        }
        return new SharedExperience(Providers.select(ExperienceLogProvider.class, ExperienceLog.STORE, config)
                .create(config));
    }

    /**
     * The configuration of the local stores when experience is shared: they are caches of the shared log, kept
     * in memory and rebuilt from it at each start, so no data directory is used.
     */
    static MetaKubeConfig localCache(MetaKubeConfig config) {
        if (config.dataDir() != null) {
            LOG.info("experience is shared: the local stores are kept in memory as a cache of the shared store; "
                    + "the data directory {} is not used", config.dataDir());
        }
        return config.toBuilder().dataDir(null).build();
    }

    /** Where the shared experience is, for logs. */
    String describe() {
        return log.describe();
    }

    /**
     * Commits a lesson to the shared log. The key makes feedback on one diagnosis count once, however often it is
     * sent and whichever engine receives it.
     *
     * @return its sequence number
     * @throws dev.metakube.api.BackendUnavailableException when the log cannot be reached: nothing is
     *         acknowledged
     */
    long publish(Lesson lesson, Embedding embedding) {
        String key = lesson.diagnosisId().isEmpty() ? "feedback:" + UUID.randomUUID() : "diagnosis:" + lesson.diagnosisId();
        ObjectNode o = json.createObjectNode();
        o.put("kind", "lesson");
        o.set("lesson", json.valueToTree(lesson));
        if (embedding != null) {
            o.put("embeddingModel", embedding.model());
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a lesson that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return log.append(key, origin, payload, embedding == null ? null : embedding.vector());
    }

    /** Whether the record {@code seq} is still to be applied here; if so it counts as applied from now on. */
    boolean claim(long seq) {
        if (seq <= cursor || !ahead.add(seq)) {
            return false;
        }
        applied++;
        return true;
    }

    /**
     * Applies every record after the cursor not applied yet.
     *
     * @param apply applies one recorded lesson (with its embedding, or null to embed again) to the local stores
     * @return how many were applied
     * @throws dev.metakube.api.BackendUnavailableException when the log cannot be read
     */
    int catchUp(java.util.function.BiConsumer<Lesson, float[]> apply, String embeddingModel) {
        int n = 0;
        while (true) {
            List<ExperienceLog.Entry> batch = log.readAfter(cursor, BATCH);
            for (ExperienceLog.Entry e : batch) {
                if (!ahead.remove(e.seq())) {
                    Lesson lesson;
                    JsonNode o;
                    try {
                        o = json.readTree(e.payload());
                        lesson = json.treeToValue(o.path("lesson"), Lesson.class);
                    } catch (IOException | RuntimeException ex) {
                        // a record this version cannot read is skipped, loudly, rather than stopping every record after it
                        LOG.error("shared experience record {} (key {}) cannot be read ({}); skipped", e.seq(), e.key(),
                                ex.getMessage());
                        cursor = e.seq();
                        continue;
                    }
                    boolean sameEmbedder = e.embedding() != null && o.path("embeddingModel").asText().equals(embeddingModel);
                    cursor = e.seq(); // first: a lesson that fails half-way stays in the local journal, never twice
                    apply.accept(lesson, sameEmbedder ? e.embedding() : null);
                    applied++;
                    n++;
                }
                cursor = e.seq();
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        ahead.removeIf(s -> s <= cursor);
        return n;
    }

    /** Records applied here, own and others'. */
    long applied() {
        return applied;
    }

    /** Starts following the log: {@code wake} runs on the log's thread when new records may be there. */
    void follow(Runnable wake) {
        log.follow(wake);
    }

    @Override
    public void close() {
        log.close();
    }
}
