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
import dev.metakube.api.Verdict;
import dev.metakube.contract.ExperienceLogContract;
import dev.metakube.spi.ExperienceLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines sharing experience through one log (in memory here; on PostgreSQL in metakube-store-postgres). */
class SharedExperienceTest {
    private final InMemoryExperienceLog store = new InMemoryExperienceLog();

    private MetaKube engine(MetaKubeConfig config) {
        return MetaKube.builder().config(config).experienceLog(store.handle()).build();
    }

    private MetaKube engine() {
        return engine(MetaKubeConfig.builder().seedExperience(false).build());
    }

    private static Incident oom(String pod) {
        return Incident.builder().id("i-" + pod).symptoms("pods of the api restart again and again")
                .evidence(Evidence.text("pod " + pod + " Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                .build();
    }

    private static Feedback correction(Diagnosis d, String truth) {
        return Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT).trueCause(Category.RESOURCE, truth)
                .resolution("cap the buffer").build();
    }

    private static void awaitEpisodes(MetaKube mk, long n) throws InterruptedException {
        for (int i = 0; i < 2_000 && mk.stats().memory().episodes() < n; i++) {
            Thread.sleep(5);
        }
    }

    @Test
    void whatOneEngineIsTaughtTheOtherUses() throws Exception {
        try (MetaKube a = engine(); MetaKube b = engine()) {
            String truth = "A sidecar log shipper buffers unbounded in memory and pushes the pod over its limit";
            FeedbackReceipt r = a.feedback(correction(a.diagnose(oom("api-1")), truth));
            awaitEpisodes(b, 1);
            assertEquals(1, store.size());
            assertEquals(1, a.stats().memory().episodes(), "applied once by the engine that was taught");
            Diagnosis d = b.diagnose(oom("api-2"));
            assertTrue(d.memoriesUsed().contains(r.episodeId()), d.memoriesUsed().toString());
            assertEquals(truth, d.rootCause());
        }
    }

    @Test
    void aNewEngineStartsFromEverythingInTheLogAndUsesNoDataDirectory(@TempDir Path dir) throws Exception {
        try (MetaKube a = engine()) {
            a.feedback(correction(a.diagnose(oom("api-1")), "first cause of the api restarts"));
            a.feedback(correction(a.diagnose(oom("api-2")), "second cause of the api restarts"));
        }
        Path data = dir.resolve("data");
        try (MetaKube later = engine(MetaKubeConfig.builder().seedExperience(false).dataDir(data).build())) {
            assertEquals(2, later.stats().memory().episodes());
            assertEquals(0, later.stats().journalPending());
        }
        assertFalse(Files.exists(data), "the local stores are the log's cache, in memory");
    }

    @Test
    void whileTheLogIsDownFeedbackIsRefusedAndNothingIsLearnedThenItCanBeSentAgain() throws Exception {
        try (MetaKube a = engine(); MetaKube b = engine()) {
            Diagnosis d = a.diagnose(oom("api-1"));
            Feedback f = correction(d, "the JVM heap flag is larger than the container limit");
            store.down(true);
            assertFalse(a.diagnose(oom("api-2")).rootCause().isBlank(), "diagnoses go on");
            assertThrows(BackendUnavailableException.class, () -> a.feedback(f));
            assertEquals(0, a.stats().memory().episodes());
            store.down(false);
            FeedbackReceipt r = a.feedback(f);
            assertFalse(r.episodeId().isEmpty(), r.toString());
            FeedbackReceipt again = a.feedback(f);
            assertTrue(again.episodeId().isEmpty(), "a repeat is ignored: " + again);
            awaitEpisodes(b, 1);
            assertEquals(1, store.size());
            assertEquals(1, a.stats().memory().episodes());
            assertEquals(1, b.stats().memory().episodes());
        }
    }

    @Test
    void aLearnerGivenToTheBuilderDoesNotGoWithASharedLog() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MetaKube.builder()
                .config(MetaKubeConfig.builder().seedExperience(false).build()).learner(Learner.ignoringFeedback())
                .experienceLog(store.handle()).build());
        assertTrue(e.getMessage().startsWith("experienceLog"), e.getMessage());
    }

    @Test
    void aStoreNamedWithoutAProviderSaysWhichModuleToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> MetaKube.builder()
                .config(MetaKubeConfig.builder().seedExperience(false)
                        .property(ExperienceLog.STORE, "jdbc:postgresql://db:5432/mk").build()).build());
        assertTrue(e.getMessage().contains("metakube-store-postgres"), e.getMessage());
    }

    /** The in-memory log keeps the contract every log keeps. */
    @Nested
    class Contract extends ExperienceLogContract {
        private InMemoryExperienceLog shared;

        @BeforeEach
        void fresh() {
            shared = new InMemoryExperienceLog();
        }

        @Override
        protected ExperienceLog openLog() {
            return shared.handle();
        }
    }
}
