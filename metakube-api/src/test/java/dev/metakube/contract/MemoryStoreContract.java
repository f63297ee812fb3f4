package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Memory;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.spi.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MemoryStore} must have. Extend it and implement {@link #createStore()}; each test
 * gets a new, empty store.
 */
public abstract class MemoryStoreContract {
    /** The dimension of the fixture vectors. */
    protected static final int DIM = 32;
    private static final String MODEL = "contract-model";

    protected MemoryStore store;

    /** A new, empty store. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Embedding emb(float[] v) {
        return new Embedding(MODEL, v);
    }

    @Test
    void emptyStoreRecallsNothingAndIsMaximallyNovel() {
        Recall r = store.recall(Fixtures.query(emb(Fixtures.unitVector(DIM, 1))), 5);
        assertTrue(r.memories().isEmpty());
        assertEquals(1.0, r.novelty(), 1e-9);
        assertEquals(0, store.stats().episodes());
    }

    @Test
    void recordedEpisodeIsRecalledFirstForItsOwnVector() {
        for (int i = 0; i < 20; i++) {
            store.record(Fixtures.episode("e" + i, Category.values()[i % 6], "cause " + i),
                    emb(Fixtures.unitVector(DIM, 100 + i)));
        }
        Recall r = store.recall(Fixtures.query(emb(Fixtures.unitVector(DIM, 107))), 5);
        assertFalse(r.memories().isEmpty());
        assertEquals("cause 7", r.memories().get(0).memory().rootCause());
        assertEquals(1.0, r.memories().get(0).cosine(), 1e-3);
        assertTrue(r.novelty() < 0.05, "novelty of an exact match: " + r.novelty());
        assertTrue(r.memories().size() <= 5);
        for (int i = 1; i < r.memories().size(); i++) {
            assertTrue(r.memories().get(i - 1).relevance() >= r.memories().get(i).relevance(), "sorted best first");
        }
        assertEquals(20, store.stats().episodes());
        assertEquals(MODEL, store.stats().embeddingModel());
        assertEquals(DIM, store.stats().dimension());
    }

    @Test
    void nearNeighbourRanksAboveUnrelated() {
        float[] base = Fixtures.unitVector(DIM, 5);
        store.record(Fixtures.episode("near", Category.NETWORK, "dns"), emb(Fixtures.near(base, 6, 0.2)));
        store.record(Fixtures.episode("far", Category.IMAGE, "tag"), emb(Fixtures.unitVector(DIM, 7)));
        Recall r = store.recall(Fixtures.query(emb(base)), 2);
        assertEquals("near", r.memories().get(0).memory().id());
        for (ScoredMemory m : r.memories()) {
            assertTrue(m.reliability() >= 0 && m.reliability() <= 1, "reliability " + m.reliability());
            if (m.memory() instanceof Episode e) {
                assertEquals(e.value(), m.reliability(), 1e-9, "an episode's reliability is its value");
                assertEquals(e.context(), m.context(), "an episode is compared with its own context");
            }
        }
    }

    @Test
    void refusesAnotherDimensionOrModel() {
        store.record(Fixtures.episode("a", Category.RESOURCE, "oom"), emb(Fixtures.unitVector(DIM, 1)));
        assertThrows(InvalidInputException.class, () -> store.record(Fixtures.episode("b", Category.RESOURCE, "oom"),
                emb(Fixtures.unitVector(DIM + 1, 2))));
        assertThrows(InvalidInputException.class, () -> store.record(Fixtures.episode("c", Category.RESOURCE, "oom"),
                new Embedding("other-model", Fixtures.unitVector(DIM, 3))));
        assertThrows(InvalidInputException.class,
                () -> store.recall(Fixtures.query(new Embedding("other-model", Fixtures.unitVector(DIM, 3))), 3));
        assertEquals(1, store.stats().episodes(), "refused records leave nothing behind");
    }

    @Test
    void refusesDuplicateIds() {
        store.record(Fixtures.episode("a", Category.RESOURCE, "oom"), emb(Fixtures.unitVector(DIM, 1)));
        assertThrows(InvalidInputException.class,
                () -> store.record(Fixtures.episode("a", Category.IMAGE, "x"), emb(Fixtures.unitVector(DIM, 2))));
        assertEquals("oom", store.find("a").orElseThrow().rootCause());
    }

    @Test
    void recordAllStoresEveryEpisodeAsRecordWould() {
        List<Episode> batch = new ArrayList<>();
        List<Embedding> vectors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(Fixtures.episode("b" + i, Category.values()[i % 6], "batch cause " + i));
            vectors.add(emb(Fixtures.unitVector(DIM, 300 + i)));
        }
        store.recordAll(batch, vectors);
        assertEquals(12, store.stats().episodes());
        Recall r = store.recall(Fixtures.query(emb(Fixtures.unitVector(DIM, 305))), 3);
        assertEquals("batch cause 5", r.memories().get(0).memory().rootCause());
        assertEquals("batch cause 11", store.find("b11").orElseThrow().rootCause());
        assertThrows(InvalidInputException.class, () -> store.recordAll(
                List.of(Fixtures.episode("c", Category.IMAGE, "x")), List.of()));
        assertEquals(12, store.stats().episodes(), "a refused batch leaves nothing behind");
    }

    @Test
    void reinforcementMovesValueTheRightWay() {
        store.record(Fixtures.episode("a", Category.RESOURCE, "oom"), emb(Fixtures.unitVector(DIM, 1)));
        double before = store.find("a").orElseThrow().reliability();
        assertTrue(store.reinforce("a", true, Fixtures.NOW));
        double up = store.find("a").orElseThrow().reliability();
        assertTrue(up > before, before + " -> " + up);
        store.reinforce("a", false, Fixtures.NOW);
        store.reinforce("a", false, Fixtures.NOW);
        double down = store.find("a").orElseThrow().reliability();
        assertTrue(down < up, up + " -> " + down);
        assertFalse(store.reinforce("no-such-memory", true, Fixtures.NOW));
    }

    @Test
    void findsWhatItStored() {
        Episode e = Fixtures.episode("x1", Category.SYSTEM, "etcd quorum lost");
        store.record(e, emb(Fixtures.unitVector(DIM, 9)));
        Memory m = store.find("x1").orElseThrow();
        assertEquals(e.rootCause(), m.rootCause());
        assertEquals(e.category(), m.category());
        assertTrue(store.find("nope").isEmpty());
    }

    @Test
    void concurrentRecordsAndRecallsLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = thread * 1000 + i;
                        store.record(Fixtures.episode("c" + n, Category.NETWORK, "cause " + n),
                                emb(Fixtures.unitVector(DIM, n)));
                        store.recall(Fixtures.query(emb(Fixtures.unitVector(DIM, n + 7))), 3);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, store.stats().episodes());
        for (int t = 0; t < 4; t++) {
            assertTrue(store.find("c" + (t * 1000 + 49)).isPresent());
        }
    }
}
