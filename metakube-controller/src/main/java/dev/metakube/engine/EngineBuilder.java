package dev.metakube.engine;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.route.Calibrator;
import dev.metakube.route.ConfidenceCalibration;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.CausalGraphProvider;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EmbedderProvider;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.EvidenceAnalyzerProvider;
import dev.metakube.spi.ExperienceLog;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.MemoryStoreProvider;
import dev.metakube.spi.Providers;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles an engine. Every backend not given is discovered through {@link Providers}. To measure what a part
 * contributes, assemble the engine with a stand-in for it (package {@code dev.metakube.standin},
 * {@link Learner#ignoringFeedback()}): the engine never asks whether a part is on.
 */
public final class EngineBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBuilder.class);
    /** Configuration property: how often an hour one established memory or graph cause may be weakened. */
    public static final String WEAKENINGS_PER_HOUR = "metakube.feedback.weakeningsPerHour";

    private MetaKubeConfig config = MetaKubeConfig.defaults();
    private MemoryStore memory;
    private CausalGraph graph;
    private EvidenceAnalyzer analyzer;
    private UnaryOperator<CausalGraph> graphStandIn = UnaryOperator.identity();
    private DiagnosticModel model;
    private Router router;
    private Embedder embedder;
    private Calibrator calibrator;
    private Learner learner;
    private ExperienceLog experienceLog;
    private Clock clock = Clock.systemUTC();

    EngineBuilder() {
    }

    public EngineBuilder config(MetaKubeConfig config) {
        this.config = config;
        return this;
    }

    /** Uses this store instead of discovering one; the engine closes it. */
    public EngineBuilder memoryStore(MemoryStore store) {
        this.memory = store;
        return this;
    }

    /** Uses this evidence analyzer instead of discovering one; the engine closes it. */
    public EngineBuilder evidenceAnalyzer(EvidenceAnalyzer analyzer) {
        this.analyzer = analyzer;
        return this;
    }

    /** Uses this graph instead of discovering one; the engine closes it. */
    public EngineBuilder causalGraph(CausalGraph graph) {
        this.graph = graph;
        return this;
    }

    /**
     * Wraps the graph, given or discovered, in a stand-in, e.g. {@code wrapGraph(StaticGraph::new)} for a graph
     * that learns nothing.
     */
    public EngineBuilder wrapGraph(UnaryOperator<CausalGraph> standIn) {
        this.graphStandIn = standIn;
        return this;
    }

    /** Uses this model instead of discovering one; the engine closes it. */
    public EngineBuilder model(DiagnosticModel model) {
        this.model = model;
        return this;
    }

    /** Uses this router instead of discovering one. */
    public EngineBuilder router(Router router) {
        this.router = router;
        return this;
    }

    /** Uses this embedder instead of discovering one; the engine closes it. */
    public EngineBuilder embedder(Embedder embedder) {
        this.embedder = embedder;
        return this;
    }

    /**
     * Uses this calibrator for every probability the engine gives (both pathways and the fast answers) instead of
     * the learned ones kept under the data directory.
     */
    public EngineBuilder calibrator(Calibrator calibrator) {
        this.calibrator = calibrator;
        return this;
    }

    /** Uses this learner instead of the engine's own, e.g. {@link Learner#ignoringFeedback()}. */
    public EngineBuilder learner(Learner learner) {
        this.learner = learner;
        return this;
    }

    /**
     * Shares experience with other engines through this log instead of the one {@link ExperienceLog#STORE} names;
     * the engine closes it. The local stores become its in-memory cache (no data directory is used): every
     * feedback is committed to the log before it is acknowledged, and every lesson in the log is applied here
     * once.
     */
    public EngineBuilder experienceLog(ExperienceLog log) {
        this.experienceLog = log;
        return this;
    }

    /** The clock for recency, timestamps and the feedback rate bounds. */
    public EngineBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Creates (or opens) the backends and, when memory is empty and seeding is on, seeds it.
     *
     * @throws dev.metakube.api.BackendUnavailableException when a backend is missing or cannot start
     * @throws InvalidInputException when a property is malformed
     */
    public MetaKube build() {
        if (this.config == null) {
            throw new InvalidInputException("config", "must be given");
        }
        // experience shared by several engines: the store first (down at start fails here), local stores its cache
        if (learner != null && experienceLog != null) {
            throw new InvalidInputException("experienceLog", "a shared experience log goes with the engine's own "
                    + "learner, not with a learner given to the builder");
        }
        SharedExperience shared = experienceLog != null ? new SharedExperience(experienceLog)
                : learner == null ? SharedExperience.open(this.config) : null;
        MetaKubeConfig config = shared == null ? this.config : SharedExperience.localCache(this.config);
        int weakeningsPerHour = config.intProperty(WEAKENINGS_PER_HOUR, 3, 1);
        List<AutoCloseable> opened = new ArrayList<>();
        DataDirectoryLock lock = DataDirectoryLock.acquire(config).orElse(null);
        if (lock != null) {
            opened.add(lock);
        }
        if (shared != null) {
            opened.add(shared);
        }
        try {
            Embedder e = QueryEmbeddingCache.over(embedder != null ? embedder
                    : track(opened, Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER, config).create(config)),
                    config.intProperty(QueryEmbeddingCache.CAPACITY, QueryEmbeddingCache.DEFAULT_CAPACITY, 0));
            CausalGraph g = graphStandIn.apply(graph != null ? graph
                    : track(opened, Providers.select(CausalGraphProvider.class, MetaKubeConfig.GRAPH, config).create(config)));
            EvidenceAnalyzer an = analyzer != null ? analyzer
                    : track(opened, Providers.select(EvidenceAnalyzerProvider.class, MetaKubeConfig.ANALYZER, config)
                    .create(config));
            MemoryStore m = memory != null ? memory
                    : track(opened, Providers.select(MemoryStoreProvider.class, MetaKubeConfig.MEMORY, config).create(config));
            DiagnosticModel dm = model != null ? model
                    : track(opened, Providers.select(DiagnosticModelProvider.class, MetaKubeConfig.MODEL, config).create(config));
            Router r = router != null ? router
                    : Providers.select(RouterProvider.class, MetaKubeConfig.ROUTER, config).create(config);
            Path dir = config.dataDir();
            Calibrator calibration = calibrator != null ? calibrator : dir == null ? ConfidenceCalibration.inMemory()
                    : ConfidenceCalibration.open(dir.resolve("router"));
            Calibrator fastAnswers = calibrator != null ? calibrator : dir == null ? ConfidenceCalibration.inMemory()
                    : ConfidenceCalibration.open(dir.resolve("router").resolve("fast-answers"));
            Backends backends = new Backends(an, m, g, dm, r, e, calibration, fastAnswers);
            PendingDiagnoses pending = new PendingDiagnoses(10_000);
            Learner l = learner != null ? learner : new LessonApplier(backends,
                    new LessonPlanner(m, clock, weakeningsPerHour),
                    dir == null ? FeedbackJournal.inMemory() : FeedbackJournal.open(dir.resolve("engine")), pending,
                    shared);
            opened.add(l);
            Counters counters = new Counters();
            Bootstrap.ready(backends, config, clock, l, counters);
            if (shared != null) {
                LessonApplier applier = (LessonApplier) l;
                applier.followShared();
                shared.follow(applier::followShared);
                LOG.info("following the shared experience in {} ({} lessons applied)", shared.describe(),
                        shared.applied());
            }
            MetaKube engine = new MetaKube(config, backends, new Diagnoser(backends, config, clock, pending, counters),
                    new FeedbackIntake(pending), l, counters, lock);
            LOG.debug("engine ready: {}", backends.describe());
            return engine;
        } catch (RuntimeException ex) {
            // reverse order: the data directory lock, taken first, is released last
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    ex.addSuppressed(suppressed);
                }
            }
            throw ex;
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T t) {
        opened.add(t);
        return t;
    }
}
