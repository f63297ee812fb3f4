package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
                .learningEnabled(false).build()) {
            Diagnosis d = mk.diagnose(oom("api-1"));
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
            assertTrue(r.episodeId().isEmpty());
            assertEquals(0, mk.stats().memory().episodes());
        }
    }

    @Test
    void concurrentDiagnosesAndFeedbackLoseNothing() throws Exception {
        try (MetaKube mk = engine()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            Diagnosis d = mk.diagnose(oom("p" + thread + "-" + i));
                            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT).build());
                        }
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(100, mk.stats().memory().episodes());
            assertEquals(100, mk.stats().feedbacks());
            assertEquals(100, mk.stats().diagnoses());
        }
    }

    @Test
    void seedsAnEmptyMemoryWithTheBundledExperienceOnce() {
        List<SeedExperience.Record> seed = SeedExperience.load();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.defaults()).build()) {
            assertEquals(seed.size(), mk.stats().memory().episodes());
        }
    }
}
