package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.Evidence;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import dev.metakube.spi.GraphLesson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback moves edge weights, adds what the graph lacked, and survives a restart apart from the curated base. */
class LearningTest {
    private static final Signal OOM = new Signal("oom-killed", SignalKind.REASON, "OOMKilled", "Reason: OOMKilled", 1.0);
    private static final Signal CRASH = new Signal("crash-loop-backoff", SignalKind.REASON, "CrashLoopBackOff", "", 0.8);

    private static MetaKubeConfig config(Path dir) {
        return MetaKubeConfig.builder().dataDir(dir).build();
    }

    private static double scoreOf(CausalGraph g, String causeId, List<Signal> signals) {
        return g.explore(new Exploration(signals, List.of(), 3, 50)).stream().filter(c -> c.causeId().equals(causeId))
                .mapToDouble(CausalChain::score).findFirst().orElse(0);
    }

    @Test
    void confirmedFeedbackStrengthensAndRefutedWeakens() {
        try (CausalGraph g = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            List<Signal> signals = List.of(OOM, CRASH);
            double before = scoreOf(g, "resource-memory-leak", signals);
            g.learn(new GraphLesson(signals, "resource-memory-leak", true, Category.RESOURCE,
                    "a leak in the session cache", ""));
            double after = scoreOf(g, "resource-memory-leak", signals);
            assertTrue(after > before, before + " -> " + after);
            double limitBefore = scoreOf(g, "resource-memory-limit-too-low", signals);
            g.learn(new GraphLesson(signals, "resource-memory-limit-too-low", false, Category.RESOURCE,
                    "a leak in the session cache", ""));
            assertTrue(scoreOf(g, "resource-memory-limit-too-low", signals) < limitBefore);
        }
    }

    @Test
    void whatFeedbackTaughtCountsForTheSameFaultNotForALookalike() {
        Signal restarts = new Signal("restart-count", SignalKind.REASON, "Restart Count: 7", "", 0.5);
        Signal probe = new Signal("readiness-probe-failed", SignalKind.REASON, "Readiness probe failed", "", 0.8);
        List<Signal> taught = List.of(OOM, CRASH, restarts);
        List<Signal> lookalike = List.of(CRASH, probe);
        try (CausalGraph g = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            double recurrenceBefore = scoreOf(g, "resource-memory-leak", taught);
            double lookalikeBefore = scoreOf(g, "resource-memory-leak", lookalike);
            for (int i = 0; i < 3; i++) {
                g.learn(new GraphLesson(taught, "resource-memory-leak", true, Category.RESOURCE,
                        "a leak in the session cache", ""));
            }
            double recurrenceGain = scoreOf(g, "resource-memory-leak", taught) - recurrenceBefore;
            double lookalikeGain = scoreOf(g, "resource-memory-leak", lookalike) - lookalikeBefore;
            assertTrue(recurrenceGain > 0, "recurrence gain " + recurrenceGain);
            assertTrue(lookalikeGain < 0.25 * recurrenceGain, lookalikeGain + " vs " + recurrenceGain);

            // a cause feedback added is offered for its own fault, hardly for one sharing a crash loop only
            g.learn(new GraphLesson(taught, "", true, Category.RESOURCE, "the session cache grows without bound", ""));
            List<CausalChain> same = g.explore(new Exploration(taught, List.of(), 3, 50));
            List<CausalChain> other = g.explore(new Exploration(lookalike, List.of(), 3, 50));
            double learnedSame = same.stream().filter(c -> c.causeId().startsWith("learned:"))
                    .mapToDouble(CausalChain::score).max().orElse(0);
            double learnedOther = other.stream().filter(c -> c.causeId().startsWith("learned:"))
                    .mapToDouble(CausalChain::score).max().orElse(0);
            assertTrue(learnedSame > learnedOther + 0.1, learnedSame + " vs " + learnedOther);
        }
    }

    @Test
    void aStatedQuantityIsNotTaughtAsEvidenceOfTheConfirmedFault() {
        Signal memory = new Signal("memory-quantity", SignalKind.QUANTITY, "memory: 4Gi", "", 0.3);
        Signal cpu = new Signal("cpu-quantity", SignalKind.QUANTITY, "cpu: 2", "", 0.3);
        Signal pending = new Signal("pod-pending", SignalKind.REASON, "Pending", "", 0.5);
        try (CausalGraph g = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            // an unscheduled pod that states its requests: the scheduling cause leads before any feedback
            List<Signal> unscheduled = List.of(pending, memory, cpu);
            double oomBefore = scoreOf(g, "resource-memory-limit-too-low", unscheduled);
            double memoryAlone = scoreOf(g, "resource-memory-limit-too-low", List.of(memory));
            // operators confirm OOM kills five times over, each incident stating its memory limit
            for (int i = 0; i < 5; i++) {
                g.learn(new GraphLesson(List.of(OOM, CRASH, memory, cpu), "resource-memory-limit-too-low", true,
                        Category.RESOURCE, "the limit is below the peak", ""));
            }
            // the curated link from a stated memory figure may grow; none is made from the CPU figure, and an
            // unscheduled pod is no more an OOM kill than before
            assertTrue(scoreOf(g, "resource-memory-limit-too-low", List.of(memory)) >= memoryAlone);
            assertEquals(0, scoreOf(g, "resource-memory-limit-too-low", List.of(cpu)), 1e-9);
            assertTrue(scoreOf(g, "resource-memory-limit-too-low", unscheduled) <= oomBefore + 0.05,
                    oomBefore + " -> " + scoreOf(g, "resource-memory-limit-too-low", unscheduled));
            // what the fault shows is still taught
            assertTrue(scoreOf(g, "resource-memory-limit-too-low", List.of(OOM, CRASH))
                    > scoreOf(g, "resource-memory-limit-too-low", List.of(CRASH)));
        }
    }

    @Test
    void memoryHintsBiasTheSearch() {
        try (CausalGraph g = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            Hypothesis hint = new Hypothesis(Category.RESOURCE,
                    "the application leaks memory: usage grows with uptime until it is OOM-killed", 0.9, "memory-17");
            // ambiguous evidence: memory decides
            List<Signal> crash = List.of(CRASH);
            assertTrue(!g.explore(new Exploration(crash, List.of(), 3, 3)).get(0).causeId().equals("resource-memory-leak"));
            assertEquals("resource-memory-leak",
                    g.explore(new Exploration(crash, List.of(hint), 3, 3)).get(0).causeId());
            // strong evidence: memory raises the hinted cause's priority and rank
            List<Signal> signals = List.of(OOM, CRASH);
            List<String> plain = g.explore(new Exploration(signals, List.of(), 3, 10)).stream()
                    .map(CausalChain::causeId).toList();
            List<String> biased = g.explore(new Exploration(signals, List.of(hint), 3, 10)).stream()
                    .map(CausalChain::causeId).toList();
            assertTrue(biased.indexOf("resource-memory-leak") <= plain.indexOf("resource-memory-leak"), biased.toString());
            // a hint naming a graph cause by id brings it in even without evidence
            Hypothesis byId = new Hypothesis(Category.SYSTEM, "etcd is out of space", 0.8, "system-etcd-db-space-exceeded");
            assertTrue(g.explore(new Exploration(List.of(), List.of(byId), 3, 3)).stream()
                    .anyMatch(c -> c.causeId().equals("system-etcd-db-space-exceeded")));
        }
    }

    @Test
    void learnedKnowledgePersistsApartFromTheCuratedBase(@TempDir Path dir) throws IOException {
        Signal license = new Signal("vendor-license-expired", SignalKind.ERROR_PHRASE, "acme license expired",
                "ERROR acme license expired", 1.0);
        String cause = "The acme agent's license expired and its webhook rejects pods";
        try (CausalGraph g = new KubeGraphProvider().create(config(dir))) {
            g.learn(new GraphLesson(List.of(license), "", true, Category.CONFIGURATION, cause,
                    "Renew the license: kubectl create secret generic acme-license --from-file=license.key"));
            g.learn(new GraphLesson(List.of(OOM), "resource-memory-limit-too-low", true, Category.RESOURCE,
                    "limit too low", "Moved the worker to the 4Gi tier"));
        }
        Path file = dir.resolve("graph").resolve(LearnedStore.FILE);
        assertTrue(Files.exists(file));
        String stored = Files.readString(file);
        assertTrue(stored.contains("\"LEARNED\""), stored);
        assertTrue(!stored.contains("\"CURATED\"") || stored.contains("resource-memory-limit-too-low"), stored);
        assertTrue(stored.length() < 10_000, "only what was learned is stored: " + stored.length());

        try (CausalGraph g = new KubeGraphProvider().create(config(dir))) {
            List<CausalChain> chains = g.explore(new Exploration(List.of(license), List.of(), 3, 5));
            assertEquals(cause, chains.get(0).rootCause());
            assertTrue(chains.get(0).remediation().get(0).command().startsWith("kubectl create secret generic"));
            assertTrue(g.stats().learnedEdges() > 0);
            // the taught phrase now detects the symptom in new evidence
            var a = ((KubeGraph) g).analyze(Incident.builder().id("again").evidence(Evidence.text("12:00 ERROR acme license expired"))
                    .build());
            assertTrue(a.signals().stream().anyMatch(s -> s.key().equals("vendor-license-expired")), a.signals().toString());
            CausalChain oom = g.explore(new Exploration(List.of(OOM), List.of(), 3, 5)).get(0);
            assertEquals("resource-memory-limit-too-low", oom.causeId());
            assertTrue(oom.remediation().stream().anyMatch(r -> r.action().contains("4Gi tier")), oom.remediation().toString());
        }
    }

    @Test
    void aCorruptFileIsReportedAndLeftUntouched(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("graph").resolve(LearnedStore.FILE);
        Files.createDirectories(file.getParent());
        byte[] garbage = "{\"format\": 1, \"edges\": [ {\"from\": ".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        StorageCorruptedException e = assertThrows(StorageCorruptedException.class,
                () -> new KubeGraphProvider().create(config(dir)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
        Files.writeString(file, "{\"format\": 99}");
        assertThrows(StorageCorruptedException.class, () -> new KubeGraphProvider().create(config(dir)));
    }

    @Test
    void inMemoryGraphsWriteNothing(@TempDir Path dir) throws IOException {
        try (CausalGraph g = new KubeGraphProvider().create(MetaKubeConfig.defaults())) {
            g.learn(new GraphLesson(List.of(OOM), "", true, Category.RESOURCE, "x", ""));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
