package dev.metakube.memory.index;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of a memory store, by ordinal, searchable by cosine. Below {@link Settings#hnswThreshold()} vectors
 * every search is an exact scan ({@link ExactScan}); from there on an HNSW graph (hnswlib) answers, built in a
 * background thread the first time the threshold is crossed (including after a cold start), while exact scans
 * keep answering until it is complete. Vectors must be L2-normalised.
 *
 * <p>Single writer ({@link #add}), many readers: the caller serialises {@code add} calls; searches may run at any
 * time. {@link #close()} stops a background build.
 */
public final class VectorIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VectorIndex.class);

    /**
     * How the index is tuned.
     *
     * @param hnswThreshold  the size from which HNSW answers; below it, exact scans (measured crossover)
     * @param m              HNSW links per node
     * @param efConstruction HNSW candidate list while building
     * @param ef             HNSW candidate list while searching (chosen for recall@10, not the library's 10)
     * @param buildThreads   threads used for a bulk (background) graph build
     */
    public record Settings(int hnswThreshold, int m, int efConstruction, int ef, int buildThreads) {
        /** The defaults, chosen from the measurements in {@code benchmarks/results/epmn.md}. */
        public static final Settings DEFAULT = new Settings(10_000, 16, 200, 160, 1);

        public Settings {
            if (hnswThreshold < 1 || m < 2 || efConstruction < 1 || ef < 1 || buildThreads < 1) {
                throw new IllegalArgumentException("invalid index settings " + hnswThreshold + "/" + m + "/"
                        + efConstruction + "/" + ef + "/" + buildThreads);
            }
        }

        /** Exact scans only, whatever the size. */
        public static Settings exactOnly() {
            return new Settings(Integer.MAX_VALUE, 16, 200, 160, 1);
        }
    }

    private final int dimension;
    private final Settings settings;
    private final ExactScan exact;
    private volatile HnswGraph graph;
    /** Ordinals below this are in {@link #graph}; searches use it only once it covers every vector. */
    private volatile int graphCovered;
    private volatile boolean graphReady;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** While true (a bulk load), crossing the threshold does not start the graph; {@link #resumeGraph} does. */
    private boolean deferred;
    private Thread builder;

    public VectorIndex(int dimension, Settings settings) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, was " + dimension);
        }
        this.dimension = dimension;
        this.settings = settings;
        this.exact = new ExactScan(dimension);
    }

    public int dimension() {
        return dimension;
    }

    public int size() {
        return exact.size();
    }

    /** Whether searches are answered by the HNSW graph now. */
    public boolean approximate() {
        return graphReady;
    }

    /** Appends a unit vector (not copied: do not mutate it afterwards); returns its ordinal. Single writer. */
    public int add(float[] v) {
        if (v.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + v.length + " in an index of " + dimension);
        }
        int ordinal = exact.add(v);
        HnswGraph g = graph;
        if (g != null) {
            synchronized (this) {
                // the background builder adds every ordinal below graphCovered; later ones are added here
                if (ordinal < graphCovered) {
                    return ordinal;
                }
            }
            g.add(ordinal, v);
        } else if (!deferred && exact.size() >= settings.hnswThreshold()) {
            startGraph();
        }
        return ordinal;
    }

    /**
     * Holds back the graph while many vectors are added at once (loading a snapshot): one bulk build over all of
     * them afterwards, with {@link Settings#buildThreads()} threads, is cheaper than building while loading.
     */
    public void deferGraph() {
        deferred = true;
    }

    /** Ends {@link #deferGraph()}: starts the background build if the index is at or above the threshold. */
    public void resumeGraph() {
        deferred = false;
        if (graph == null && exact.size() >= settings.hnswThreshold()) {
            startGraph();
        }
    }

    /** The vector stored at {@code ordinal}. */
    public float[] vector(int ordinal) {
        return exact.vector(ordinal);
    }

    /** The {@code k} nearest vectors: from the HNSW graph once it is ready, otherwise exact. */
    public Neighbours search(float[] q, int k) {
        HnswGraph g = graph;
        if (graphReady && g != null) {
            return g.search(q, k);
        }
        return exact.search(q, k);
    }

    /** The exact {@code k} nearest vectors, whatever the size (the baseline of every benchmark). */
    public Neighbours searchExact(float[] q, int k) {
        return exact.search(q, k);
    }

    /** Every vector with ordinal in {@code [from, to)} whose cosine to {@code q} is at least {@code min}. */
    public Neighbours above(float[] q, int from, int to, float min) {
        return exact.above(q, from, to, min);
    }

    /** Changes the HNSW search candidate list (for measuring recall against {@code ef}). */
    public void ef(int ef) {
        HnswGraph g = graph;
        if (g != null) {
            g.ef(ef);
        }
    }

    /**
     * Starts the HNSW graph over every vector (with {@link Settings#buildThreads()} threads) if the index is at or
     * above the threshold and has none yet, and waits until it is built.
     */
    public void buildGraphNow() {
        if (graph == null && exact.size() >= settings.hnswThreshold()) {
            startGraph();
        }
        awaitGraph();
    }

    /** Waits until a background build started by crossing the threshold has finished. */
    public void awaitGraph() {
        Thread t;
        synchronized (this) {
            t = builder;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startGraph() {
        int covered = exact.size();
        HnswGraph g = new HnswGraph(dimension, covered * 2, settings.m(), settings.efConstruction(), settings.ef());
        synchronized (this) {
            graphCovered = covered;
            graph = g;
        }
        Thread t = new Thread(() -> fill(g, covered), "metakube-hnsw-build");
        t.setDaemon(true);
        synchronized (this) {
            builder = t;
        }
        t.start();
    }

    private void fill(HnswGraph g, int covered) {
        long start = System.nanoTime();
        int threads = settings.buildThreads();
        Thread[] workers = new Thread[threads - 1];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < covered && !closed.get(); i = next.getAndIncrement()) {
                g.add(i, exact.vector(i));
            }
        };
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(work, "metakube-hnsw-build-" + (i + 1));
            workers[i].setDaemon(true);
            workers[i].start();
        }
        work.run();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!closed.get()) {
            graphReady = true;
            LOG.info("HNSW graph over {} vectors built in {} ms", covered, (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void close() {
        closed.set(true);
        awaitGraph();
    }
}
