package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Category;
import dev.metakube.api.CausalChain;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.Verdict;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import dev.metakube.spi.GraphStats;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.RecalledMemory;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;
import dev.metakube.standin.StaticGraph;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaKubeTest {
    private static MetaKube engine() {
        return MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build()).build();
    }

    private static Incident oom(String pod) {
        return Incident.builder().id("i-" + pod).symptoms("pods of the api restart again and again")
                .evidence(Evidence.text("pod " + pod + " Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                .build();
    }

    @Test
    void usesTheHighestPriorityProviderOnTheClassPath() {
        try (MetaKube mk = engine()) {
            assertTrue(mk.stats().backends().contains("memory=ScanMemory"), mk.stats().backends());
            assertTrue(mk.stats().backends().contains("embedder=test-hash-64"));
            assertTrue(mk.stats().backends().contains("model=template"), "the template model is the fallback");
        }
    }

    @Test
    void selectsAProviderByName() {
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false).provider(MetaKubeConfig.MEMORY, "other").build();
        try (MetaKube mk = MetaKube.builder().config(config).build()) {
            assertTrue(mk.stats().backends().contains("memory=OtherMemory"), mk.stats().backends());
        }
    }

    @Test
    void anUnknownProviderNameFailsNamingWhatWasFound() {
        MetaKubeConfig config = MetaKubeConfig.builder().provider(MetaKubeConfig.MEMORY, "nope").build();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> MetaKube.builder().config(config).build());
        assertTrue(e.getMessage().contains("scan") && e.getMessage().contains("other"), e.getMessage());
    }

    @Test
    void withoutMemoryTheAnalyticalPathwayAnswersFromTheGraph() {
        try (MetaKube mk = engine()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            assertEquals(Pathway.ANALYTICAL, d.pathway());
            assertEquals(Category.RESOURCE, d.category());
            assertEquals("Memory limit too low for the container's working set", d.rootCause());
            assertEquals(List.of("resource.memory-limit"), d.chainsUsed());
            assertFalse(d.remediation().isEmpty());
            assertTrue(d.timings().totalNanos() >= d.timings().graphNanos());
        }
    }

    @Test
    void learnsFromFeedbackAndAnswersTheNextSimilarIncidentFromMemory() {
        try (MetaKube mk = engine()) {
            Diagnosis first = mk.diagnose(oom("api-1"));
            String truth = "A sidecar log shipper buffers unbounded in memory and pushes the pod over its limit";
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, truth).resolution("cap the shipper buffer").build());
            assertFalse(r.episodeId().isEmpty());
            assertTrue(r.diagnosisKnown());
            Diagnosis second = mk.diagnose(oom("api-2"));
            assertEquals(truth, second.rootCause(), "the second diagnosis draws on what was learned");
            assertTrue(second.memoriesUsed().contains(r.episodeId()));
        }
    }

    @Test
    void analyticalAnswerKeepsTheIntuitiveCandidateAndIsNotLessConfident() {
        try (MetaKube mk = engine()) {
            Diagnosis first = mk.diagnose(oom("api-1"));
            mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "JVM heap flag larger than the container limit").build());
            // A different incident: the memory is a weak match, so the analytical pathway runs.
            Diagnosis d = mk.diagnose(Incident.builder().id("x").symptoms("checkout deploy stuck")
                    .evidence(Evidence.text("Warning Failed ImagePullBackOff for image shop/checkout:v9")).build());
            assertEquals(Pathway.ANALYTICAL, d.pathway());
            assertTrue(d.hypotheses().stream().anyMatch(h -> h.rootCause().equals("JVM heap flag larger than the container limit")),
                    d.hypotheses().toString());
            double intuitiveConfidence = d.hypotheses().stream()
                    .filter(h -> h.rootCause().equals("JVM heap flag larger than the container limit"))
                    .findFirst().orElseThrow().score();
            assertTrue(d.confidence() >= intuitiveConfidence);
        }
    }

    @Test
    void feedbackIsCheckedAndNeverAppliedTwice() {
        try (MetaKube mk = engine()) {
            assertThrows(InvalidInputException.class, () -> mk.feedback(Feedback.builder().diagnosisId("no-such-id")
                    .verdict(Verdict.CORRECT).build()));
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt once = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            FeedbackReceipt twice = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            assertFalse(once.episodeId().isEmpty());
            assertTrue(twice.episodeId().isEmpty());
            assertTrue(twice.notes().get(0).contains("already recorded"), twice.notes().toString());
            assertEquals(1, mk.stats().memory().episodes());
        }
    }

    @Test
    void learningSwitchedOffRecordsNothing() {
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .learner(Learner.ignoringFeedback()).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            assertTrue(r.episodeId().isEmpty());
            assertEquals(0, mk.stats().memory().episodes());
        }
    }

    @Test
    void aStaticGraphLearnsNothingWhileMemoryStillDoes() {
        FlakyGraph graph = new FlakyGraph();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .causalGraph(graph).wrapGraph(StaticGraph::new).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "A sidecar buffers unbounded in memory").build());
            assertFalse(r.episodeId().isEmpty(), "memory learned");
            assertEquals(1, mk.stats().memory().episodes());
            assertEquals(0, graph.lessons, "the graph was not taught");
        }
        FlakyGraph learning = new FlakyGraph();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .causalGraph(learning).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            assertEquals(1, learning.lessons, "by default the graph learns");
        }
    }

    @Test
    void theModelSeesMemoriesScoredByTheProbabilityTheControllerGivesThem() {
        List<ModelRequest> requests = new ArrayList<>();
        DiagnosticModel spy = new DiagnosticModel() {
            private final DiagnosticModel template = dev.metakube.template.TemplateModelProvider.newModel();

            @Override
            public String name() {
                return "spy";
            }

            @Override
            public ModelAnswer answer(ModelRequest request) {
                requests.add(request);
                return template.answer(request);
            }

            @Override
            public void close() {
            }
        };
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .model(spy).build()) {
            Diagnosis first = mk.diagnose(oom("api-1"));
            mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "A sidecar buffers unbounded in memory").build());
            Diagnosis d = mk.diagnose(Incident.builder().id("x").symptoms("checkout deploy stuck")
                    .evidence(Evidence.text("Warning Failed ImagePullBackOff for image shop/checkout:v9")).build());
            ModelRequest last = requests.get(requests.size() - 1);
            assertEquals(1, last.memories().size());
            RecalledMemory m = last.memories().get(0);
            double candidate = mk.intuitiveCandidate(d.id()).orElseThrow().score();
            assertEquals(candidate, m.confidence(), 1e-12,
                    "the best memory carries the intuitive candidate's confidence");
            assertTrue(Math.abs(m.confidence() - m.cosine()) > 1e-6, "not the store's relevance: " + m);
        }
    }

    @Test
    void theConfidenceOfAFastAnswerIsCalibratedOnTheFastAnswersGivenNotOnCandidatesLeftUnused() {
        boolean[] fast = {false};
        Router scripted = new Router() {
            @Override
            public RouteDecision route(Recall recall, TrustFactors best, Query query) {
                if (recall.memories().isEmpty()) {
                    return new RouteDecision(Pathway.ANALYTICAL, 0, 0.5, null);
                }
                return new RouteDecision(fast[0] ? Pathway.INTUITIVE : Pathway.ANALYTICAL, 0.6, 0.5, best);
            }

            @Override
            public void learn(RouteOutcome outcome) {
            }

            @Override
            public RouterState state() {
                return new RouterState(0.5, Map.of(), 0, 0);
            }
        };
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .router(scripted).build()) {
            // Unused candidates judged wrong: each incident's true cause is one no memory names.
            for (int i = 0; i < 40; i++) {
                Diagnosis d = mk.diagnose(oom("api-" + i));
                mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                        .trueCause(Category.RESOURCE, word(3 * i) + " " + word(3 * i + 1) + " " + word(3 * i + 2))
                        .build());
            }
            // Fast answers given and confirmed, at the same raw confidence.
            fast[0] = true;
            for (int i = 0; i < 40; i++) {
                Diagnosis d = mk.diagnose(oom("web-" + i));
                assertEquals(Pathway.INTUITIVE, d.pathway());
                mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            }
            Diagnosis d = mk.diagnose(oom("web-last"));
            assertEquals(Pathway.INTUITIVE, d.pathway());
            assertTrue(d.confidence() > 0.8, "40 of 40 fast answers at C = 0.6 were right, so a fast answer there "
                    + "is likely right, whatever the unused candidates were: " + d.confidence());
            double candidateProbability = mk.intuitiveCandidate(d.id()).orElseThrow().score();
            assertTrue(candidateProbability < d.confidence(), "the all-candidate map stays more pessimistic: "
                    + candidateProbability);
        }
    }

    /** A made-up word of letters only, different for every n (causes that share no word). */
    private static String word(int n) {
        return "k" + (char) ('a' + n % 26) + (char) ('a' + n / 26) + "rox";
    }

    @Test
    void aConfirmedDiagnosisLeavesItsCommandsToTheMemoryWithTheIncidentsNamesMasked() {
        TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .memoryStore(memory).build()) {
            Incident incident = Incident.builder().id("i-app").symptoms("pods of the api restart again and again")
                    .evidence(Evidence.text("pod app-1 Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                    .context(new ClusterContext("shop", "Deployment", "app", "1.29", Map.of())).build();
            Diagnosis d = mk.diagnose(incident);
            assertEquals("kubectl set resources deployment/app --limits=memory=1Gi", d.remediation().get(0).command());
            FeedbackReceipt confirmed = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT)
                    .resolution("raised the limit").build());
            String kept = memory.find(confirmed.episodeId()).orElseThrow().resolution();
            assertEquals("raised the limit\n`kubectl set resources deployment/{workload} --limits=memory=1Gi`", kept);

            Diagnosis wrong = mk.diagnose(oom("api-2"));
            FeedbackReceipt refuted = mk.feedback(Feedback.builder().diagnosisId(wrong.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "A sidecar buffers unbounded in memory").resolution("capped it")
                    .build());
            assertEquals("capped it", memory.find(refuted.episodeId()).orElseThrow().resolution(),
                    "a refuted diagnosis's commands are not remembered");
        }
    }

    @Test
    void concurrentDiagnosesAndFeedbackLoseNothing() throws Exception {
        int threads = 8;
        int each = 25;
        try (MetaKube mk = engine()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            Diagnosis d = mk.diagnose(oom("p" + thread + "-" + i));
                            assertTrue(d.confidence() >= 0 && d.confidence() <= 1);
                            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(i % 5 == 0 ? Verdict.INCORRECT
                                    : Verdict.CORRECT).trueCause(Category.RESOURCE, i % 5 == 0
                                    ? "A memory leak in the request cache" : d.rootCause()).build());
                            mk.stats();
                        }
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            EngineStats s = mk.stats();
            int n = threads * each;
            assertEquals(n, s.memory().episodes());
            assertEquals(n, s.feedbacks());
            assertEquals(n, s.diagnoses());
            assertEquals(0, s.journalPending());
            assertEquals(n, s.recent().labelled());
            assertTrue(s.router().learned() >= n - threads && s.router().learned() <= n,
                    "every feedback with an intuitive candidate reached the router: " + s.router().learned());
        }
    }

    @Test
    void theMetaCognitiveRouterIsTheDefault() {
        try (MetaKube mk = engine()) {
            assertTrue(mk.stats().backends().contains("router=MetaCognitiveRouter"), mk.stats().backends());
            assertEquals(0.75, mk.stats().router().threshold(), 1e-12);
        }
    }

    @Test
    void aContradictoryReportIsRefusedAndSaidSo() {
        try (MetaKube mk = engine()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.NETWORK, "DNS lookups of the database host time out").build());
            assertTrue(r.episodeId().isEmpty());
            assertTrue(r.notes().get(0).contains("contradicts"), r.notes().toString());
            assertEquals(1, mk.stats().memory().episodes());
            assertEquals(1, mk.stats().feedbackIgnored());
        }
    }

    @Test
    void aVerdictThatDisagreesWithTheReportedCauseIsNoted() {
        try (MetaKube mk = engine()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                    .trueCause(d.category(), d.rootCause()).build());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("matches the diagnosis")), r.notes().toString());
            assertEquals(0.0, mk.stats().recent().precision(), 1e-12, "counted as wrong, as the verdict says");
        }
    }

    @Test
    void anUnknownDiagnosisWithTheIncidentIsLearnedAndSaidSo() {
        try (MetaKube mk = engine()) {
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId("made-elsewhere").incident(oom("x"))
                    .verdict(Verdict.INCORRECT).trueCause(Category.RESOURCE, "Heap flag above the limit").build());
            assertFalse(r.diagnosisKnown());
            assertFalse(r.episodeId().isEmpty());
            assertTrue(r.notes().get(0).contains("unknown"), r.notes().toString());
        }
    }

    @Test
    void aBurstOfWrongFeedbackCannotFlipAnEstablishedMemory() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .memoryStore(memory).clock(clock).build()) {
            Diagnosis first = mk.diagnose(oom("api-0"));
            String episode = mk.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.CORRECT).build())
                    .episodeId();
            double established = memory.find(episode).orElseThrow().reliability();
            assertTrue(established >= 0.8, "trust " + established);
            List<Diagnosis> burst = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                burst.add(mk.diagnose(oom("api-" + i)));
            }
            int heldBack = 0;
            for (Diagnosis d : burst) {
                assertEquals(episode, d.hypotheses().get(0).source(), "every diagnosis of the burst rests on it");
                FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                        .trueCause(Category.NETWORK, "Packets to the registry are dropped by a firewall").build());
                heldBack += r.notes().stream().anyMatch(n -> n.contains("rate of change bounded")) ? 1 : 0;
            }
            assertEquals(7, heldBack, "three weakenings an hour by default");
            double after = memory.find(episode).orElseThrow().reliability();
            assertEquals(established * Math.pow(0.8, 3), after, 1e-9, "weakened three times, not ten");
            clock.advance(Duration.ofHours(1));
            Diagnosis later = mk.diagnose(oom("api-11"));
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(later.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.NETWORK, "Packets to the registry are dropped by a firewall").build());
            if (later.hypotheses().get(0).source().equals(episode)) {
                assertTrue(r.notes().stream().noneMatch(n -> n.contains("rate of change bounded")), r.notes().toString());
                assertTrue(memory.find(episode).orElseThrow().reliability() < after, "an hour later it can be weakened again");
            }
        }
    }

    @Test
    void aFeedbackInterruptedByACrashIsCompletedOnceWhenTheEngineOpensAgain(@TempDir Path dir) {
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false).dataDir(dir).build();
        TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
        FlakyGraph graph1 = new FlakyGraph();
        MetaKube mk = MetaKube.builder().config(config).memoryStore(memory).causalGraph(graph1).build();
        Diagnosis d1 = mk.diagnose(oom("api-1"));
        mk.feedback(Feedback.builder().diagnosisId(d1.id()).verdict(Verdict.CORRECT).build());
        Diagnosis d2 = mk.diagnose(oom("api-2"));
        long learnedBefore = mk.stats().router().learned();
        graph1.failing = true;
        assertThrows(BackendUnavailableException.class, () -> mk.feedback(Feedback.builder().diagnosisId(d2.id())
                .verdict(Verdict.INCORRECT).trueCause(Category.RESOURCE, "A memory leak in the request cache").build()));
        assertEquals(2, memory.episodes.size(), "the episode step ran before the graph failed");
        assertEquals(1, graph1.lessons);
        assertEquals(1, mk.stats().journalPending());
        // The process dies here: nothing is closed or flushed; the operating system drops its directory lock.
        mk.dataDirLock.close();

        FlakyGraph graph2 = new FlakyGraph();
        try (MetaKube again = MetaKube.builder().config(config).memoryStore(memory).causalGraph(graph2).build()) {
            assertEquals(2, memory.episodes.size(), "the episode is not recorded twice");
            assertEquals(1, graph2.lessons, "the graph lesson was completed");
            assertEquals(learnedBefore + 1, again.stats().router().learned(), "the router learned it, once");
            assertEquals(0, again.stats().journalPending());
        }
        FlakyGraph graph3 = new FlakyGraph();
        try (MetaKube third = MetaKube.builder().config(config).memoryStore(memory).causalGraph(graph3).build()) {
            assertEquals(0, graph3.lessons, "nothing is replayed twice");
            assertEquals(learnedBefore + 1, third.stats().router().learned());
        }
        mk.close();
    }

    @Test
    void aFailedLessonIsCompletedBeforeTheNextFeedbackInMemory() {
        FlakyGraph graph = new FlakyGraph();
        TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false).build())
                .memoryStore(memory).causalGraph(graph).build()) {
            Diagnosis d1 = mk.diagnose(oom("api-1"));
            Diagnosis d2 = mk.diagnose(oom("api-2"));
            graph.failing = true;
            assertThrows(BackendUnavailableException.class,
                    () -> mk.feedback(Feedback.builder().diagnosisId(d1.id()).verdict(Verdict.CORRECT).build()));
            graph.failing = false;
            mk.feedback(Feedback.builder().diagnosisId(d2.id()).verdict(Verdict.CORRECT).build());
            assertEquals(2, graph.lessons);
            assertEquals(2, memory.episodes.size());
            assertEquals(2, mk.stats().feedbacks());
            assertEquals(0, mk.stats().journalPending());
        }
    }

    @Test
    void statsShowThePathwayMixAndRecentPrecision() {
        try (MetaKube mk = engine()) {
            for (int i = 0; i < 6; i++) {
                Diagnosis d = mk.diagnose(oom("api-" + i));
                mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            }
            EngineStats s = mk.stats();
            assertEquals(6, s.diagnoses());
            assertEquals(6, s.recent().labelled());
            assertEquals(1.0, s.recent().precision(), 1e-12);
            assertEquals((double) s.intuitive() / 6, s.intuitiveShare(), 1e-12);
            assertTrue(s.intuitive() >= 1, "once remembered, the same failure goes the fast way");
            assertTrue(s.calibrationSamples().get(Pathway.INTUITIVE) >= 5, s.calibrationSamples().toString());
            assertEquals(4, s.router().weights().size());
        }
    }

    @Test
    void seedsAnEmptyMemoryWithTheBundledExperienceOnce() {
        List<SeedExperience.Record> seed = SeedExperience.load();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.defaults()).build()) {
            assertEquals(seed.size(), mk.stats().memory().episodes());
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The keyword graph, with a switch that makes {@code learn} fail like a crashing backend. */
    static final class FlakyGraph implements CausalGraph {
        private final TestBackends.KeywordGraph graph = new TestBackends.KeywordGraph();
        volatile boolean failing;
        int lessons;

        @Override
        public List<CausalChain> explore(Exploration exploration) {
            return graph.explore(exploration);
        }

        @Override
        public synchronized void learn(GraphLesson lesson) {
            if (failing) {
                throw new IllegalStateException("graph store unavailable");
            }
            lessons++;
        }

        @Override
        public GraphStats stats() {
            return graph.stats();
        }

        @Override
        public void close() {
        }
    }
}
