package dev.metakube.memory;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Memory;
import dev.metakube.api.MetaKubeException;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.Fsync;
import dev.metakube.durable.RecordLog;
import dev.metakube.memory.EpisodeCodec.Op;
import dev.metakube.memory.EpisodeCodec.RecordOp;
import dev.metakube.memory.EpisodeCodec.ReinforceOp;
import dev.metakube.memory.index.Neighbours;
import dev.metakube.memory.index.VectorIndex;
import dev.metakube.memory.journal.Snapshots;
import dev.metakube.memory.pattern.PatternBook;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.MemoryStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Episodic Pattern Memory Network (paper section 4.1): episodes in a vector index, patterns formed from
 * them ({@link PatternBook}), recall mixing both (eq. 2, 13-17), and, with a directory, a write-ahead journal
 * plus snapshots so that every acknowledged {@link #record} and {@link #reinforce} survives a crash.
 *
 * <p>Write path: validate and reserve under the write lock, append to the journal, wait for the group commit
 * outside any store lock, then apply every durable operation in sequence order under the write lock (so that the
 * live state and a replay of the journal are the same). Recalls take the read lock and run in parallel.
 */
final class EpmnStore implements MemoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(EpmnStore.class);
    static final int SNAPSHOT_VERSION = 1;
    /** File name prefix of the journal segments, {@code journal-<first seq>.log}. */
    static final String JOURNAL = "journal";
    /** Value step of a reinforcement: ω moves 20% of the way to 1 (success) or to 0 (failure). */
    static final double VALUE_STEP = 0.2;

    private final EpmnSettings settings;
    private final Path dir;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RecordLog journal;
    private final Snapshots snapshots;

    // state, guarded by lock
    private String model = "";
    private int dimension;
    private VectorIndex index;
    private PatternBook patterns;
    private final List<Episode> episodes = new ArrayList<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final TreeMap<Long, Op> pending = new TreeMap<>();
    private long applied;
    private long memorySeq;
    private long sinceSnapshot;
    private boolean closed;
    /** True while the constructor loads the snapshot and replays the journal. */
    private boolean loading;

    private EpmnStore(Path dir, EpmnSettings settings, Fsync fsync) {
        this.settings = settings;
        this.dir = dir;
        if (dir == null) {
            this.journal = null;
            this.snapshots = null;
            return;
        }
        this.snapshots = new Snapshots(dir, fsync, SNAPSHOT_VERSION);
        long start = System.nanoTime();
        loading = true;
        long covered = snapshots.readLatest(this::readSnapshot).orElse(0L);
        applied = covered;
        int[] replayed = {0};
        this.journal = RecordLog.open(dir, JOURNAL, "memory journal", fsync, covered, (seq, payload) -> {
            Op op;
            try {
                op = EpisodeCodec.decode(payload);
            } catch (IOException e) {
                throw new StorageCorruptedException("memory journal record " + seq + " in " + dir
                        + " passes its checksum but cannot be decoded: " + e.getMessage(), e);
            }
            apply(op);
            applied = seq;
            replayed[0]++;
        });
        sinceSnapshot = replayed[0];
        loading = false;
        if (index != null) {
            index.resumeGraph();
        }
        LOG.info("memory in {}: {} episodes, {} patterns (snapshot up to record {}, {} replayed) in {} ms", dir,
                episodes.size(), patterns == null ? 0 : patterns.size(), covered, replayed[0],
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Opens a store: in memory when {@code dir} is null, otherwise durable in {@code dir}. */
    static EpmnStore open(Path dir, EpmnSettings settings) {
        return new EpmnStore(dir, settings, Fsync.DEFAULT);
    }

    /** As {@link #open(Path, EpmnSettings)} with another way of reaching the disk (tests inject failures). */
    static EpmnStore open(Path dir, EpmnSettings settings, Fsync fsync) {
        return new EpmnStore(dir, settings, fsync);
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    @Override
    public void record(Episode episode, Embedding embedding) {
        if (episode == null || embedding == null) {
            throw new InvalidInputException("record", "episode and embedding must be given");
        }
        store(List.of(episode), List.of(embedding));
    }

    /** Stores the batch with one journal write and one fsync, all or none: every episode is checked first. */
    @Override
    public void recordAll(List<Episode> batch, List<Embedding> embeddings) {
        if (batch == null || embeddings == null || batch.size() != embeddings.size()) {
            throw new InvalidInputException("recordAll", "episodes and embeddings must be given in lists of the "
                    + "same length, were " + (batch == null ? "null" : batch.size()) + " and "
                    + (embeddings == null ? "null" : embeddings.size()));
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null || embeddings.get(i) == null) {
                throw new InvalidInputException("recordAll[" + i + "]", "episode and embedding must be given");
            }
        }
        if (!batch.isEmpty()) {
            store(batch, embeddings);
        }
    }

    private void store(List<Episode> batch, List<Embedding> embeddings) {
        int n = batch.size();
        List<RecordOp> ops = new ArrayList<>(n);
        List<byte[]> payloads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RecordOp op = new RecordOp(embeddings.get(i).model(), batch.get(i), unit(embeddings.get(i).vector()));
            ops.add(op);
            if (journal != null) {
                payloads.add(EpisodeCodec.encode(op));
            }
        }
        long last;
        lock.writeLock().lock();
        try {
            checkOpen();
            String expectedModel = model;
            int expectedDimension = dimension;
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Embedding embedding = embeddings.get(i);
                String id = batch.get(i).id();
                String where = n == 1 ? "embedding" : "embeddings[" + i + "]";
                checkEmbedding(expectedModel, expectedDimension, embedding, where);
                if (expectedDimension == 0) {
                    expectedModel = embedding.model();
                    expectedDimension = embedding.dimension();
                }
                if (ordinals.containsKey(id) || reserved.contains(id) || !ids.add(id)
                        || (patterns != null && patterns.indexOf(id) >= 0)) {
                    throw new InvalidInputException(n == 1 ? "episode.id" : "episodes[" + i + "].id",
                            "'" + id + "' is already stored");
                }
            }
            if (dimension == 0 && reserved.isEmpty()) {
                model = embeddings.get(0).model();
                dimension = embeddings.get(0).dimension();
            }
            last = journal == null ? memorySeq += n : journal.appendAll(payloads);
            for (int i = 0; i < n; i++) {
                pending.put(last - n + 1 + i, ops.get(i));
                reserved.add(batch.get(i).id());
            }
        } finally {
            lock.writeLock().unlock();
        }
        commit(last - n + 1, last, () -> ids(batch).forEach(reserved::remove));
    }

    private static List<String> ids(List<Episode> batch) {
        return batch.stream().map(Episode::id).toList();
    }

    @Override
    public boolean reinforce(String memoryId, boolean success, Instant at) {
        if (memoryId == null || at == null) {
            throw new InvalidInputException("reinforce", "memory id and time must be given");
        }
        ReinforceOp op = new ReinforceOp(memoryId, success, at);
        long seq;
        lock.writeLock().lock();
        try {
            checkOpen();
            boolean known = ordinals.containsKey(memoryId) || reserved.contains(memoryId)
                    || (patterns != null && patterns.indexOf(memoryId) >= 0);
            if (!known) {
                return false;
            }
            seq = journal == null ? ++memorySeq : journal.append(EpisodeCodec.encode(op));
            pending.put(seq, op);
        } finally {
            lock.writeLock().unlock();
        }
        commit(seq, seq, () -> { });
        return true;
    }

    /** Waits for records {@code first..last} to be durable, then applies every durable operation in order. */
    private void commit(long first, long last, Runnable onFailure) {
        try {
            if (journal != null) {
                journal.awaitDurable(last);
            }
        } catch (RuntimeException e) {
            lock.writeLock().lock();
            try {
                pending.subMap(first, true, last, true).clear();
                onFailure.run();
                if (episodes.isEmpty() && reserved.isEmpty()) {
                    model = "";
                    dimension = 0;
                }
            } finally {
                lock.writeLock().unlock();
            }
            throw e;
        }
        lock.writeLock().lock();
        try {
            drain();
            if (journal != null && sinceSnapshot >= settings.snapshotEvery()) {
                snapshotLocked();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void drain() {
        long durable = journal == null ? memorySeq : journal.durableSequence();
        while (!pending.isEmpty() && pending.firstKey() <= durable) {
            Map.Entry<Long, Op> e = pending.pollFirstEntry();
            apply(e.getValue());
            applied = e.getKey();
            sinceSnapshot++;
        }
    }

    private void apply(Op op) {
        if (op instanceof RecordOp r) {
            Episode e = r.episode();
            if (index == null) {
                model = r.model();
                dimension = r.vector().length;
                index = new VectorIndex(dimension, settings.index());
                if (loading) {
                    index.deferGraph();
                }
                patterns = new PatternBook(dimension, settings.thetaSim(), settings.minMembers(), settings.poolSize(),
                        settings.recency());
            } else if (!model.equals(r.model()) || dimension != r.vector().length) {
                throw new StorageCorruptedException("memory in " + dir + " holds a record of model " + r.model()
                        + " (" + r.vector().length + ") in a store of " + model + " (" + dimension + ")");
            }
            int ordinal = index.add(r.vector());
            episodes.add(e);
            ordinals.put(e.id(), ordinal);
            reserved.remove(e.id());
            patterns.observe(ordinal, r.vector(), e, index, episodes::get);
        } else if (op instanceof ReinforceOp f) {
            Integer ordinal = ordinals.get(f.id());
            if (ordinal != null) {
                Episode e = episodes.get(ordinal);
                double w = e.value();
                double updated = f.success() ? w + VALUE_STEP * (1 - w) : w - VALUE_STEP * w;
                episodes.set(ordinal, e.withValue(Math.max(0, Math.min(1, updated))));
                int p = patterns.patternOf(ordinal);
                if (p >= 0) {
                    patterns.reinforce(p, f.success(), f.at());
                }
            } else if (patterns != null && patterns.indexOf(f.id()) >= 0) {
                patterns.reinforce(patterns.indexOf(f.id()), f.success(), f.at());
            }
        }
    }

    private void checkEmbedding(Embedding embedding, String where) {
        checkEmbedding(model, dimension, embedding, where);
    }

    private static void checkEmbedding(String model, int dimension, Embedding embedding, String where) {
        if (dimension != 0 && (!model.equals(embedding.model()) || dimension != embedding.dimension())) {
            throw new InvalidInputException(where, "this memory holds vectors of model '" + model + "' with "
                    + dimension + " dimensions; got model '" + embedding.model() + "' with " + embedding.dimension()
                    + ". Embedders cannot be mixed in one store: use the same embedder, or another data directory");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the memory store is closed");
        }
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            throw new InvalidInputException("embedding.vector", "must not be all zeros");
        }
        float inv = (float) (1 / Math.sqrt(norm));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * inv;
        }
        return u;
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    @Override
    public Recall recall(Query query, int k) {
        if (query == null) {
            throw new InvalidInputException("query", "must be given");
        }
        if (k < 1) {
            throw new InvalidInputException("k", "must be positive, was " + k);
        }
        lock.readLock().lock();
        try {
            checkOpen();
            checkEmbedding(query.embedding(), "query.embedding");
            double complexity = Relevance.complexity(query);
            if (index == null || episodes.isEmpty()) {
                return Recall.EMPTY;
            }
            float[] q = unit(query.embedding().vector());
            int candidates = Math.max(k, settings.topK());
            Neighbours near = index.search(q, candidates);
            float[] patternCos = new float[candidates];
            int[] nearPatterns = patterns.nearest(q, candidates, patternCos);
            double best = near.size() > 0 ? near.cosines()[0] : -1;
            if (nearPatterns.length > 0) {
                best = Math.max(best, patternCos[0]);
            }
            double novelty = Math.max(0, Math.min(1, 1 - best));
            double psi = Relevance.patternWeight(novelty, complexity);
            Instant at = query.at();
            List<ScoredMemory> episodeHits = new ArrayList<>(near.size());
            for (int i = 0; i < near.size(); i++) {
                Episode e = episodes.get(near.ordinals()[i]);
                episodeHits.add(scoredMemory(e, near.cosines()[i], 1 - psi, Relevance.recency(e.time(), at,
                        settings.recency()), e.value(), query.context(), e.context()));
            }
            List<ScoredMemory> patternHits = new ArrayList<>(nearPatterns.length);
            for (int i = 0; i < nearPatterns.length; i++) {
                int p = nearPatterns[i];
                patternHits.add(scoredMemory(patterns.view(p), patternCos[i], psi,
                        Relevance.recency(patterns.updated(p), at, settings.recency()), patterns.reliability(p, at),
                        query.context(), patterns.context(p)));
            }
            return new Recall(Relevance.mix(episodeHits, patternHits, psi, k), novelty);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    /**
     * A recalled memory ranked by its relevance (type weight, similarity, recency, reliability and context
     * compatibility), with the facts only the store knows: its reliability at the query's time and its context.
     */
    private ScoredMemory scoredMemory(Memory m, double cosine, double typeWeight, double recency,
                                      double reliability, ClusterContext queryContext, ClusterContext context) {
        double cos = Math.max(-1, Math.min(1, cosine));
        double sim = Relevance.similarity(cos, settings.similarityScale());
        double rel = clamp(reliability);
        double relevance = Relevance.relevance(typeWeight, sim, clamp(recency), rel,
                clamp(Relevance.context(queryContext, context)));
        return new ScoredMemory(m, cos, relevance, rel, context);
    }

    @Override
    public Optional<Memory> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        lock.readLock().lock();
        try {
            Integer ordinal = ordinals.get(id);
            if (ordinal != null) {
                return Optional.of(episodes.get(ordinal));
            }
            int p = patterns == null ? -1 : patterns.indexOf(id);
            return p < 0 ? Optional.empty() : Optional.of(patterns.view(p));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public MemoryStats stats() {
        lock.readLock().lock();
        try {
            return new MemoryStats(episodes.size(), patterns == null ? 0 : patterns.size(),
                    episodes.isEmpty() ? "" : model, episodes.isEmpty() ? 0 : dimension);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The pattern the episode belongs to, if any (for tests and tools). */
    Optional<String> patternOf(String episodeId) {
        lock.readLock().lock();
        try {
            Integer ordinal = ordinals.get(episodeId);
            if (ordinal == null || patterns.patternOf(ordinal) < 0) {
                return Optional.empty();
            }
            return Optional.of(patterns.view(patterns.patternOf(ordinal)).id());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether the pattern is demoted (for tests and tools). */
    boolean demoted(String patternId) {
        lock.readLock().lock();
        try {
            int p = patterns == null ? -1 : patterns.indexOf(patternId);
            return p >= 0 && patterns.demoted(p);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The vector index (for benchmarks and tests in this package). */
    VectorIndex index() {
        return index;
    }

    // ---- snapshots -------------------------------------------------------------------------------------------

    /** Writes a snapshot now and starts a new journal segment. */
    void snapshot() {
        lock.writeLock().lock();
        try {
            checkOpen();
            if (journal != null) {
                snapshotLocked();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void snapshotLocked() {
        journal.awaitDurable(journal.lastSequence());
        drain();
        long seq = applied;
        long start = System.nanoTime();
        snapshots.write(seq, this::writeSnapshot);
        journal.roll(seq);
        sinceSnapshot = 0;
        LOG.debug("memory snapshot at record {} ({} episodes) in {} ms", seq, episodes.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void writeSnapshot(DataOutputStream out) throws IOException {
        EpisodeCodec.writeString(out, model);
        out.writeInt(dimension);
        out.writeInt(episodes.size());
        for (int i = 0; i < episodes.size(); i++) {
            EpisodeCodec.writeEpisode(out, episodes.get(i));
            EpisodeCodec.writeVector(out, index.vector(i));
        }
        if (patterns != null) {
            patterns.write(out);
        }
    }

    private void readSnapshot(DataInputStream in) throws IOException {
        String m = EpisodeCodec.readString(in);
        int dim = in.readInt();
        int n = in.readInt();
        if (n < 0 || dim < 0 || dim > 65_536) {
            throw new IOException("implausible snapshot header: " + n + " episodes of dimension " + dim);
        }
        if (n == 0) {
            return;
        }
        model = m;
        dimension = dim;
        index = new VectorIndex(dim, settings.index());
        index.deferGraph();
        patterns = new PatternBook(dim, settings.thetaSim(), settings.minMembers(), settings.poolSize(),
                settings.recency());
        for (int i = 0; i < n; i++) {
            Episode e = EpisodeCodec.readEpisode(in);
            float[] v = EpisodeCodec.readVector(in);
            if (v.length != dim) {
                throw new IOException("episode " + e.id() + " has a vector of dimension " + v.length);
            }
            if (ordinals.put(e.id(), i) != null) {
                throw new IOException("episode id " + e.id() + " appears twice");
            }
            episodes.add(e);
            index.add(v);
        }
        patterns.read(in, n);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (journal != null && sinceSnapshot > 0) {
                    snapshotLocked();
                }
            } catch (MetaKubeException e) {
                LOG.warn("memory in {}: no snapshot on close ({}); the journal holds every acknowledged record",
                        dir, e.getMessage());
            } finally {
                closed = true;
                if (journal != null) {
                    try {
                        journal.close();
                    } catch (RuntimeException e) {
                        LOG.warn("memory in {}: closing the journal failed: {}", dir, e.toString());
                    }
                }
                if (index != null) {
                    index.close();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
