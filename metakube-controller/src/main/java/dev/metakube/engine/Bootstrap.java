package dev.metakube.engine;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Episode;
import dev.metakube.api.Embedding;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Outcome;
import dev.metakube.spi.MemoryStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies an assembled engine: checks that the memory was built by the embedder now configured, seeds an empty
 * memory with the bundled experience, and completes feedback lessons a crash left half-applied.
 */
final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    /** ω of a seeded episode: bundled experience starts below what an operator confirmed. */
    static final double SEED_EPISODE_VALUE = 0.7;

    private Bootstrap() {
    }

    static void ready(Backends b, MetaKubeConfig config, Clock clock, Learner learner, Counters counters) {
        checkEmbedderMatchesMemory(b, config);
        if (config.seedExperience()) {
            seedIfEmpty(b, clock);
        }
        learner.recover(counters);
    }

    static void checkEmbedderMatchesMemory(Backends b, MetaKubeConfig config) {
        MemoryStats s = b.memory().stats();
        if (s.episodes() > 0 && !s.embeddingModel().isEmpty()
                && (!s.embeddingModel().equals(b.embedder().model()) || s.dimension() != b.embedder().dimension())) {
            throw new BackendUnavailableException("the memory in " + config.dataDir() + " was built with embedder '"
                    + s.embeddingModel() + "' (" + s.dimension() + " dimensions) but the embedder now is '"
                    + b.embedder().model() + "' (" + b.embedder().dimension() + "); configure provider embedder="
                    + s.embeddingModel() + " or use another data directory");
        }
    }

    /** Seeds the memory with the bundled experience when it holds no episode. */
    static void seedIfEmpty(Backends b, Clock clock) {
        if (b.memory().stats().episodes() > 0) {
            return;
        }
        List<SeedExperience.Record> records = SeedExperience.load();
        Instant at = clock.instant();
        // Analysis, embedding and cause abstraction dominate a first start: the build ships them prepared
        // (PreparedExperience), and the records are stored as one durable batch.
        List<SeedExperience.Prepared> prepared = SeedExperience.prepared(records, b.analyzer(), b.embedder(), at);
        List<Episode> episodes = new ArrayList<>(records.size());
        List<Embedding> embeddings = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SeedExperience.Record r = records.get(i);
            SeedExperience.Prepared p = prepared.get(i);
            // stored as templates, like learned causes, so that no seed workload's name reaches an answer
            episodes.add(new Episode(r.id(), p.text(), p.context(), p.signalKeys(), r.category(),
                    p.rootCauseTemplate(), p.solutionTemplate(), r.attemptList(), Outcome.RESOLVED, at,
                    SEED_EPISODE_VALUE));
            embeddings.add(p.embedding());
        }
        b.memory().recordAll(episodes, embeddings);
        if (!records.isEmpty()) {
            LOG.info("seeded memory with {} bundled experience records", records.size());
        }
    }
}
