package dev.metakube.memory;

import static dev.metakube.memory.Synthetic.emb;
import static dev.metakube.memory.Synthetic.episode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Memory;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pattern;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternFormationTest {
    private static final int DIM = 64;

    /** Five planted clusters of 12 episodes (cosine to the centre ≈ 0.97) among 200 unrelated ones. */
    @Test
    void plantedClustersBecomePatternsAndNoiseDoesNot() {
        Random r = new Random(42);
        try (EpmnStore store = EpmnStore.open(null, EpmnSettings.defaults())) {
            float[][] centres = new float[5][];
            for (int c = 0; c < 5; c++) {
                centres[c] = Synthetic.unit(r, DIM);
            }
            List<String[]> planted = new ArrayList<>();
            int noise = 0;
            for (int i = 0; i < 260; i++) {
                if (i % 4 == 0 && planted.size() < 60) {
                    int c = planted.size() % 5;
                    String id = "c" + c + "-" + planted.size();
                    // cluster 0's members are resolved by two different fixes, the first more often
                    String fix = c == 0 && planted.size() % 3 == 0 ? "rollback" : "fix-" + c;
                    store.record(episode(id, Category.values()[c], "cause-" + c, fix, Outcome.RESOLVED),
                            emb(Synthetic.around(centres[c], r, 0.25)));
                    planted.add(new String[] {id, String.valueOf(c)});
                } else {
                    store.record(episode("n" + noise, Category.SYSTEM, "noise " + noise, "x", Outcome.RESOLVED),
                            emb(Synthetic.unit(r, DIM)));
                    noise++;
                }
            }
            assertEquals(5, store.stats().patterns(), "one pattern per planted cluster");
            Map<Integer, Set<String>> patternsByCluster = new HashMap<>();
            int assigned = 0;
            for (String[] p : planted) {
                String pattern = store.patternOf(p[0]).orElse(null);
                if (pattern != null) {
                    assigned++;
                    patternsByCluster.computeIfAbsent(Integer.parseInt(p[1]), k -> new HashSet<>()).add(pattern);
                }
            }
            assertEquals(60, assigned, "every planted episode joins its pattern");
            Set<String> distinct = new HashSet<>();
            for (Set<String> s : patternsByCluster.values()) {
                assertEquals(1, s.size(), "a cluster maps to one pattern");
                distinct.addAll(s);
            }
            assertEquals(5, distinct.size());
            for (int i = 0; i < noise; i++) {
                assertTrue(store.patternOf("n" + i).isEmpty(), "noise stays out of patterns");
            }
            Pattern p0 = (Pattern) store.find(store.patternOf("c0-0").orElseThrow()).orElseThrow();
            assertEquals("cause-0", p0.rootCause());
            assertEquals(Category.values()[0], p0.category());
            assertEquals("fix-0", p0.resolution(), "canonical strategy: the resolution that worked most often");
            assertEquals(12, p0.members());
            assertTrue(p0.variance() > 0 && p0.variance() < 0.15, "variance " + p0.variance());
            assertTrue(p0.reliability() > 0.8, "all members resolved: " + p0.reliability());
            assertEquals(List.of("key-" + Category.values()[0].label()), p0.signalKeys());

            // a query near a planted centre recalls the pattern among its memories
            Recall recall = store.recall(Synthetic.query(Synthetic.around(centres[2], r, 0.25)), 10);
            boolean found = false;
            for (ScoredMemory m : recall.memories()) {
                if (m.memory() instanceof Pattern p && p.rootCause().equals("cause-2")) {
                    found = true;
                }
            }
            assertTrue(found, "pattern recalled: " + recall.memories());
            assertTrue(recall.novelty() < 0.1);
        }
    }

    @Test
    void reliabilityAndValueMoveWithFeedbackAndContradictionDemotes() {
        Random r = new Random(7);
        try (EpmnStore store = EpmnStore.open(null, EpmnSettings.defaults())) {
            float[] centre = Synthetic.unit(r, DIM);
            for (int i = 0; i < 4; i++) {
                store.record(episode("e" + i, Category.NETWORK, "dns", "fix coredns", Outcome.RESOLVED),
                        emb(Synthetic.around(centre, r, 0.2)));
            }
            String pid = store.patternOf("e0").orElseThrow();
            double r0 = store.find(pid).orElseThrow().reliability();
            double v0 = store.find("e1").orElseThrow().reliability();
            assertTrue(store.reinforce("e1", true, Synthetic.NOW));
            assertTrue(store.find(pid).orElseThrow().reliability() > r0, "an episode's success raises its pattern");
            assertTrue(store.find("e1").orElseThrow().reliability() > v0, "and its own value");
            double r1 = store.find(pid).orElseThrow().reliability();
            assertTrue(store.reinforce(pid, false, Synthetic.NOW));
            assertTrue(store.find(pid).orElseThrow().reliability() < r1, "failure lowers reliability");
            for (int i = 0; i < 12 && !store.demoted(pid); i++) {
                store.reinforce(pid, false, Synthetic.NOW);
            }
            assertTrue(store.demoted(pid), "repeated contradiction demotes the pattern");
            Memory kept = store.find(pid).orElseThrow();
            assertEquals(4, ((Pattern) kept).members(), "history kept: members are still counted");
            for (ScoredMemory m : store.recall(Synthetic.query(centre), 10).memories()) {
                assertFalse(m.memory().id().equals(pid), "a demoted pattern is not recalled");
            }
            for (int i = 0; i < 40 && store.demoted(pid); i++) {
                store.reinforce(pid, true, Synthetic.NOW);
            }
            assertFalse(store.demoted(pid), "confirmed again, it is promoted back");
        }
    }

    @Test
    void reliabilityEvidenceDecaysWithAge() {
        Random r = new Random(9);
        try (EpmnStore store = EpmnStore.open(null, EpmnSettings.defaults())) {
            float[] centre = Synthetic.unit(r, DIM);
            for (int i = 0; i < 3; i++) {
                store.record(episode("e" + i, Category.IMAGE, "tag", "fix tag", Outcome.RESOLVED),
                        emb(Synthetic.around(centre, r, 0.2)));
            }
            Recall now = store.recall(Synthetic.query(centre), 10);
            Recall later = store.recall(new dev.metakube.api.Query("q", List.of(), null, emb(centre),
                    Synthetic.NOW.plus(java.time.Duration.ofDays(120))), 10);
            double relNow = reliabilityOfPattern(now);
            double relLater = reliabilityOfPattern(later);
            assertTrue(relLater < relNow && relLater > 0.5, relNow + " -> " + relLater);
        }
    }

    private static double reliabilityOfPattern(Recall r) {
        for (ScoredMemory m : r.memories()) {
            if (m.memory() instanceof Pattern) {
                return m.reliability();
            }
        }
        throw new AssertionError("no pattern recalled");
    }
}
