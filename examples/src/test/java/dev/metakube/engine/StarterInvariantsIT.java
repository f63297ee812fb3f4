package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Timings;
import dev.metakube.api.Verdict;
import dev.metakube.cli.Main;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the real default backends (EPMN memory, KubeGraph, template model, meta-cognitive router) on
 * every scenario of the starter set: the invariants of paper 3.2.3 and of the diagnosis record, in learning mode,
 * twice over (the second pass meets what the first taught), and under concurrent load.
 */
class StarterInvariantsIT {
    private static final Path STARTER = Paths.get("..", "benchmarks", "scenarios", "starter.jsonl");

    private static List<Scenario> starter() {
        assertTrue(Files.isRegularFile(STARTER), "the starter set is part of the repository: " + STARTER.toAbsolutePath());
        List<Scenario> all = ScenarioFiles.read(STARTER);
        assertFalse(all.isEmpty());
        return all;
    }

    private static MetaKube engine() {
        return MetaKube.builder().config(MetaKubeConfig.builder().dataDir(null).build()).build();
    }

    private static void checkInvariants(MetaKube mk, Scenario s, Diagnosis d) {
        String where = s.id() + " (" + d.pathway() + ")";
        assertTrue(d.confidence() >= 0 && d.confidence() <= 1, where);
        assertTrue(d.threshold() >= 0.05 && d.threshold() <= 0.99, where + ": τ " + d.threshold());
        Timings t = d.timings();
        long stages = t.analysisNanos() + t.embeddingNanos() + t.retrievalNanos() + t.routingNanos() + t.graphNanos()
                + t.modelNanos();
        assertTrue(t.analysisNanos() >= 0 && t.embeddingNanos() > 0 && t.retrievalNanos() >= 0
                && t.routingNanos() >= 0 && t.graphNanos() >= 0 && t.modelNanos() >= 0, where + ": " + t);
        assertTrue(stages <= t.totalNanos(), where + ": the stages fit in the total: " + t);
        Optional<Hypothesis> candidate = mk.intuitiveCandidate(d.id());
        if (d.pathway() == Pathway.INTUITIVE) {
            assertTrue(candidate.isPresent(), where + ": the fast way needs a memory");
            assertFalse(d.memoriesUsed().isEmpty(), where);
            assertTrue(d.chainsUsed().isEmpty(), where + ": no graph search on the fast way");
        } else if (candidate.isPresent()) {
            Hypothesis c = candidate.get();
            assertTrue(d.hypotheses().stream().anyMatch(h -> h.rootCause().equals(c.rootCause())),
                    where + ": the analytical answer keeps the intuitive candidate " + c + " among " + d.hypotheses());
            assertTrue(d.confidence() >= c.score(), where + ": analytical confidence " + d.confidence()
                    + " below the intuitive candidate's " + c.score());
        }
        assertFalse(d.hypotheses().isEmpty(), where);
    }

    @Test
    void invariantsHoldOnEveryStarterScenarioWhileLearning() {
        List<Scenario> scenarios = starter();
        int[] pathways = new int[2];
        try (MetaKube mk = engine()) {
            for (int pass = 0; pass < 2; pass++) {
                for (Scenario s : scenarios) {
                    Diagnosis d = mk.diagnose(s.incident(Instant.now()));
                    checkInvariants(mk, s, d);
                    pathways[d.pathway().ordinal()]++;
                    FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id())
                            .verdict(d.category() == s.category() && d.rootCause().equals(s.rootCause())
                                    ? Verdict.CORRECT : Verdict.INCORRECT)
                            .trueCause(s.category(), s.rootCause()).resolution(s.resolution()).build());
                    assertTrue(r.diagnosisKnown());
                    assertFalse(r.episodeId().isEmpty(), s.id());
                }
            }
            EngineStats st = mk.stats();
            int n = 2 * scenarios.size();
            assertEquals(n, st.diagnoses());
            assertEquals(n, st.feedbacks());
            assertEquals(0, st.journalPending());
            assertEquals(pathways[Pathway.INTUITIVE.ordinal()], st.intuitive());
            assertTrue(pathways[Pathway.ANALYTICAL.ordinal()] > 0, "new faults take the analytical pathway");
            assertTrue(st.router().threshold() >= 0.05 && st.router().threshold() <= 0.99);
        }
    }

    @Test
    void concurrentDiagnosesAndFeedbackWithTheRealBackends() throws Exception {
        List<Scenario> scenarios = starter();
        int threads = 8;
        AtomicInteger done = new AtomicInteger();
        try (MetaKube mk = engine()) {
            long episodesBefore = mk.stats().memory().episodes();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    fs.add(pool.submit(() -> {
                        for (int i = thread; i < scenarios.size(); i += threads) {
                            Scenario s = scenarios.get(i);
                            Diagnosis d = mk.diagnose(s.incident(Instant.now()));
                            checkInvariants(mk, s, d);
                            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                                    .trueCause(s.category(), s.rootCause()).resolution(s.resolution()).build());
                            done.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            EngineStats st = mk.stats();
            assertEquals(scenarios.size(), done.get());
            assertEquals(scenarios.size(), st.feedbacks(), "no feedback lost");
            assertEquals(episodesBefore + scenarios.size(), st.memory().episodes(), "one episode per feedback");
            assertEquals(0, st.journalPending());
        }
    }

    @Test
    void theStatsCommandShowsTheRouterAndMemory(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"stats", "--data", dir.toString(), "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertEquals(0.75, j.path("router").path("threshold").asDouble(), 1e-12);
        assertEquals(4, j.path("router").path("weights").size());
        assertEquals(0, j.path("memory").path("episodes").asLong(), "stats does not seed an empty memory");
        assertTrue(j.path("graph").path("nodes").asInt() > 0, out.toString());
        StringWriter text = new StringWriter();
        assertEquals(0, Main.run(new String[] {"stats", "--data", dir.toString()}, new PrintWriter(text, true),
                new PrintWriter(err, true)));
        assertTrue(text.toString().contains("τ 0.750"), text.toString());
    }
}
