package dev.metakube.benchmarks.store;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import dev.metakube.spi.ExperienceLog;
import dev.metakube.store.postgres.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Experience shared through PostgreSQL against the local journal, in the same run, on a PostgreSQL server the
 * benchmark starts itself (as the tests do: {@code initdb} and {@code pg_ctl} in a temporary directory, found in
 * {@code $METAKUBE_PG_BIN} or {@code /usr/lib/postgresql/<version>/bin}).
 *
 * <ul>
 *   <li>{@code acknowledge}: one feedback (an incident with its true cause) until it is acknowledged: with
 *       {@code store=local-journal} written to the data directory's journal and applied; with
 *       {@code store=postgres} committed to PostgreSQL and applied. Sample time: p50 and p99.</li>
 *   <li>{@code seenByAnotherInstance}: one feedback given to instance A until instance B, following the same
 *       store, holds its episode: the acknowledgement plus the propagation (NOTIFY, read, apply).</li>
 *   <li>{@code diagnoseFromCache}: a diagnosis on an instance whose memory is the cache of the shared store,
 *       against one that learned the same feedback locally. The setup prints the recall of each (the share of
 *       held-out incidents whose taught episode is among the memories used), the figure to keep within 10%.</li>
 * </ul>
 *
 * <p>Every engine uses the lexical embedder, so that the store's cost is not hidden under tens of milliseconds
 * of semantic embedding, and seeds the bundled experience.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SharedStoreBenchmark {
    static Incident incident(String name, int n) {
        String[] kinds = {
            "Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\nLimits:\n  memory: 256Mi",
            "Warning Failed kubelet Failed to pull image \"registry.local/" + name + ":v" + n + "\": not found\n"
                    + "Warning Failed kubelet Error: ImagePullBackOff",
            "Warning FailedScheduling default-scheduler 0/5 nodes are available: 5 Insufficient cpu",
            "Warning FailedMount kubelet MountVolume.SetUp failed for volume \"cfg\": configmap \"" + name
                    + "-cfg\" not found"};
        return new Incident("bench-" + name + "-" + n, name + " pods do not run",
                List.of(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod " + name + "-" + n,
                        "Name: " + name + "-" + n + "\nNamespace: bench\n" + kinds[n % kinds.length])),
                new ClusterContext("bench", "Deployment", name, "1.29", Map.of()), null);
    }

    static Feedback taught(Incident i, int n) {
        return Feedback.builder().incident(i).verdict(Verdict.INCORRECT)
                .trueCause(Category.CONFIGURATION, "cause " + n + ": the " + i.context().name()
                        + " rollout " + n + " carries a broken setting of its own")
                .resolution("rolled back release " + n).build();
    }

    static MetaKubeConfig.Builder config() {
        return MetaKubeConfig.builder().provider(MetaKubeConfig.EMBEDDER, "lexical");
    }

    static MetaKubeConfig shared(LocalPostgres pg, String url) {
        return config().property(ExperienceLog.STORE, url).property(ExperienceLog.USER, LocalPostgres.USER)
                .property(ExperienceLog.PASSWORD, pg.password()).build();
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One engine and the feedback it acknowledges. */
    @State(Scope.Benchmark)
    public static class Ack {
        @Param({"local-journal", "postgres"})
        public String store;
        LocalPostgres pg;
        Path dir;
        MetaKube engine;
        int next;

        @Setup(Level.Trial)
        public void open() throws IOException {
            if (store.equals("postgres")) {
                pg = LocalPostgres.start();
                engine = MetaKube.builder().config(shared(pg, pg.createDatabase("ack"))).build();
            } else {
                dir = Files.createTempDirectory("metakube-bench-journal");
                engine = MetaKube.builder().config(config().dataDir(dir).build()).build();
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
            if (pg != null) {
                pg.close();
            }
            if (dir != null) {
                delete(dir);
            }
        }
    }

    /** Two instances following one store. */
    @State(Scope.Benchmark)
    public static class Pair {
        LocalPostgres pg;
        MetaKube a;
        MetaKube b;
        int next;

        @Setup(Level.Trial)
        public void open() {
            pg = LocalPostgres.start();
            String url = pg.createDatabase("pair");
            a = MetaKube.builder().config(shared(pg, url)).build();
            b = MetaKube.builder().config(shared(pg, url)).build();
        }

        @TearDown(Level.Trial)
        public void close() {
            a.close();
            b.close();
            pg.close();
        }
    }

    /** An instance that learned locally and one whose memory is the shared store's cache, taught the same. */
    @State(Scope.Benchmark)
    public static class Cache {
        static final int TAUGHT = 40;
        @Param({"local", "cache"})
        public String memory;
        LocalPostgres pg;
        MetaKube teacher;
        MetaKube engine;
        Incident[] held;
        int next;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            String[] names = {"ledger", "checkout", "search", "billing", "gateway", "catalog", "orders", "ingest"};
            if (memory.equals("cache")) {
                pg = LocalPostgres.start();
                String url = pg.createDatabase("cache");
                teacher = MetaKube.builder().config(shared(pg, url)).build();
                engine = MetaKube.builder().config(shared(pg, url)).build();
            } else {
                engine = MetaKube.builder().config(config().build()).build();
                teacher = engine;
            }
            String[] episode = new String[TAUGHT];
            for (int n = 0; n < TAUGHT; n++) {
                episode[n] = teacher.feedback(taught(incident(names[n % names.length] + n, n), n)).episodeId();
            }
            long want = teacher.stats().memory().episodes();
            while (engine.stats().memory().episodes() < want) {
                Thread.sleep(10);
            }
            held = new Incident[TAUGHT];
            int hits = 0;
            for (int n = 0; n < TAUGHT; n++) {
                held[n] = incident(names[n % names.length] + n, n + 4 * TAUGHT); // same fault kind, another pod
                Diagnosis d = engine.diagnose(held[n]);
                hits += d.memoriesUsed().contains(episode[n]) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%n# recall (%s): %d of %d held-out incidents used their taught episode "
                    + "(%.3f); %d episodes in memory%n", memory, hits, TAUGHT, hits / (double) TAUGHT,
                    engine.stats().memory().episodes());
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
            if (teacher != engine) {
                teacher.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    @Benchmark
    public FeedbackReceipt acknowledge(Ack s) {
        int n = s.next++;
        return s.engine.feedback(taught(incident("ack", n), n));
    }

    @Benchmark
    public long seenByAnotherInstance(Pair s) throws InterruptedException {
        long before = s.b.stats().memory().episodes();
        int n = s.next++;
        s.a.feedback(taught(incident("pair", n), n));
        long now;
        while ((now = s.b.stats().memory().episodes()) <= before) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        return now;
    }

    @Benchmark
    public Diagnosis diagnoseFromCache(Cache s) {
        return s.engine.diagnose(s.held[s.next++ % s.held.length]);
    }
}
