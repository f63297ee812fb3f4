package dev.metakube.store.postgres;

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
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole engines sharing experience through a real PostgreSQL server. */
class SharedExperienceIT {
    @RegisterExtension
    static final PostgresServerExtension PG = new PostgresServerExtension();

    private static MetaKube engine(String url) {
        return MetaKube.builder().config(PostgresExperienceLogIT.config(url, PG.server().password())).build();
    }

    private static Incident oom(String pod) {
        return Incident.builder().id("i-" + pod).symptoms("pods of the api restart again and again")
                .evidence(Evidence.text("pod " + pod + " Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                .build();
    }

    private static Incident incident(String name, int kind) {
        String[] evidence = {
            "pod " + name + " Last State: Terminated Reason: OOMKilled Exit Code: 137",
            "Warning Failed pod/" + name + " Failed to pull image \"registry.local/" + name + ":v2\": not found ImagePullBackOff",
            "Warning FailedScheduling pod/" + name + " 0/3 nodes are available: 3 Insufficient cpu",
            "Warning FailedMount pod/" + name + " MountVolume.SetUp failed for volume \"cfg\": configmap \"" + name
                    + "-cfg\" not found"};
        return Incident.builder().id("i-" + name).symptoms(name + " does not run").evidence(Evidence.text(evidence[kind % 4]))
                .build();
    }

    private static Feedback correction(Diagnosis d, Incident i, String cause) {
        return Feedback.builder().diagnosisId(d.id()).incident(i).verdict(Verdict.INCORRECT)
                .trueCause(Category.CONFIGURATION, cause).resolution("fixed the " + cause).build();
    }

    /** Waits (up to {@code ms}) until {@code value} reaches {@code want}; returns the last value seen. */
    private static long await(LongSupplier value, long want, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        long v = value.getAsLong();
        while (v < want && System.nanoTime() < deadline) {
            Thread.sleep(5);
            v = value.getAsLong();
        }
        return v;
    }

    @Test
    void feedbackGivenToOneInstanceIsUsedByTheOtherWithinOneSecond() throws Exception {
        String url = PG.freshDatabase();
        try (MetaKube a = engine(url); MetaKube b = engine(url)) {
            assertEquals(0, b.stats().memory().episodes());
            Diagnosis first = a.diagnose(oom("api-1"));
            String truth = "A sidecar log shipper buffers unbounded in memory and pushes the pod over its limit";
            FeedbackReceipt r = a.feedback(Feedback.builder().diagnosisId(first.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, truth).resolution("cap the shipper buffer").build());
            long acknowledged = System.nanoTime();
            assertFalse(r.episodeId().isEmpty());
            assertEquals(1, await(() -> b.stats().memory().episodes(), 1, 1_000),
                    "the other instance has the episode within one second");
            long seenMs = (System.nanoTime() - acknowledged) / 1_000_000;
            assertTrue(seenMs <= 1_000, "seen after " + seenMs + " ms");
            Diagnosis second = b.diagnose(oom("api-2"));
            assertTrue(second.memoriesUsed().contains(r.episodeId()), second.memoriesUsed().toString());
            assertEquals(truth, second.rootCause(), "the other instance answers from what the first was taught");
        }
    }

    @Test
    void whileTheStoreIsDownDiagnosesGoOnAndFeedbackIsRefusedLoudlyThenAccepted() throws Exception {
        String url = PG.freshDatabase();
        try (MetaKube a = engine(url)) {
            Diagnosis before = a.diagnose(oom("api-1"));
            PG.server().stop();
            Feedback f = Feedback.builder().diagnosisId(before.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "the JVM heap flag is larger than the container limit").build();
            try {
                Diagnosis during = a.diagnose(oom("api-2"));
                assertFalse(during.rootCause().isBlank(), "diagnoses go on from the local cache");
                BackendUnavailableException refused = assertThrows(BackendUnavailableException.class, () -> a.feedback(f));
                assertTrue(refused.getMessage().contains("nothing was acknowledged"), refused.getMessage());
                assertFalse(refused.getMessage().contains(PG.server().password()), refused.getMessage());
                assertEquals(0, a.stats().memory().episodes(), "nothing was learned from refused feedback");
            } finally {
                PG.server().startAgain();
            }
            FeedbackReceipt r = a.feedback(f);
            assertFalse(r.episodeId().isEmpty(), "the same feedback sent again is accepted: " + r);
            assertEquals(1, a.stats().memory().episodes());
        }
        try (MetaKube later = engine(url)) {
            assertEquals(1, later.stats().memory().episodes(), "a new instance starts from the shared record");
        }
    }

    @Test
    void aRestartOfTheDatabaseDuringAFeedbackStreamLosesNothingAcknowledged() throws Exception {
        String url = PG.freshDatabase();
        int total = 40;
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean refusedOnce = new AtomicBoolean();
        try (MetaKube a = engine(url); MetaKube b = engine(url)) {
            ExecutorService stream = Executors.newSingleThreadExecutor();
            try {
                Future<?> done = stream.submit(() -> {
                    for (int i = 0; i < total; i++) {
                        Incident inc = incident("svc-" + i, i);
                        Diagnosis d = a.diagnose(inc);
                        Feedback f = correction(d, inc, "cause number " + i + " of the stream");
                        while (true) {
                            try {
                                acknowledged.add(a.feedback(f).episodeId());
                                break;
                            } catch (BackendUnavailableException e) {
                                refusedOnce.set(true);
                                sleep(50); // an operator's tool sends it again
                            }
                        }
                    }
                    return null;
                });
                await(() -> acknowledged.size(), total / 4, 60_000);
                PG.server().restart();
                done.get();
            } finally {
                stream.shutdownNow();
            }
            assertEquals(total, acknowledged.size());
            assertEquals(total, new HashSet<>(acknowledged).size(), "each acknowledged once");
            assertEquals(total, PostgresExperienceLogIT.count(PG.server(), url, "SELECT count(*) FROM " + Schema.TABLE),
                    "every acknowledged feedback is in the store, once");
            assertEquals(total, await(() -> a.stats().memory().episodes(), total, 30_000));
            assertEquals(total, await(() -> b.stats().memory().episodes(), total, 30_000),
                    "the follower caught up with what was appended while it reconnected");
        }
        try (MetaKube c = engine(url)) {
            assertEquals(total, c.stats().memory().episodes(), "a restarted instance loses nothing acknowledged");
        }
    }

    @Test
    void eightThreadsOnEachOfTwoInstancesLoseAndDuplicateNothing() throws Exception {
        String url = PG.freshDatabase();
        int threads = 8;
        int each = 5;
        List<String> episodes = Collections.synchronizedList(new ArrayList<>());
        try (MetaKube a = engine(url); MetaKube b = engine(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 2 * threads; t++) {
                    MetaKube mk = t % 2 == 0 ? a : b;
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            Incident inc = incident("t" + thread + "-n" + i, thread + i);
                            Diagnosis d = mk.diagnose(inc);
                            episodes.add(mk.feedback(correction(d, inc, "cause " + i + " of thread " + thread)).episodeId());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            int n = 2 * threads * each;
            Set<String> distinct = new HashSet<>(episodes);
            assertEquals(n, episodes.size());
            assertEquals(n, distinct.size());
            assertFalse(distinct.contains(""));
            assertEquals(n, PostgresExperienceLogIT.count(PG.server(), url, "SELECT count(*) FROM " + Schema.TABLE));
            assertEquals(n, PostgresExperienceLogIT.count(PG.server(), url, "SELECT count(DISTINCT payload->'lesson'->'episode'->>'id') FROM "
                    + Schema.TABLE));
            assertEquals(n, await(() -> a.stats().memory().episodes(), n, 30_000));
            assertEquals(n, await(() -> b.stats().memory().episodes(), n, 30_000));
            assertEquals(threads * each, a.stats().feedbacks());
            assertEquals(threads * each, b.stats().feedbacks());
            assertEquals(0, a.stats().journalPending());
            assertEquals(0, b.stats().journalPending());
        }
    }

    @Test
    void aStoreDownAtStartStopsTheEngineWithAClearError() {
        String url = PG.freshDatabase();
        PG.server().stop();
        try {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> engine(url));
            assertTrue(e.getMessage().startsWith("cannot open the shared experience store " + url), e.getMessage());
            assertFalse(e.getMessage().contains(PG.server().password()), e.getMessage());
        } finally {
            PG.server().startAgain();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
