package dev.metakube.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each broken cluster is collected from the mock API server ({@code --pod}, {@code --workload} or a scan) and
 * diagnosed end to end by the engine with its embedded defaults, in memory.
 */
class BrokenClustersTest {
    private static MetaKube engine;

    @BeforeAll
    static void open() {
        engine = MetaKube.builder().config(MetaKubeConfig.defaults()).build();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    static Stream<BrokenClusters.Scenario> scenarios() {
        return BrokenClusters.all().stream();
    }

    /** Collects the scenario's incident: from its target, or from the one object a scan finds unhealthy. */
    static Incident collect(MockCluster cluster, BrokenClusters.Scenario s) {
        ObjectRef target = s.target();
        if (target == null) {
            ClusterScan.Result scan = ClusterScan.scan(cluster.client(), BrokenClusters.NS, CollectionLimits.defaults());
            assertEquals(1, scan.unhealthy().size(), "the scan finds the one broken object: " + scan.unhealthy());
            target = scan.unhealthy().get(0).ref();
        }
        return ClusterEvidence.collect(cluster.client(), target, CollectionLimits.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void collectsTheDecisiveFactsAndDiagnoses(BrokenClusters.Scenario s) {
        try (MockCluster cluster = new MockCluster()) {
            s.setup().accept(cluster);
            Incident incident = collect(cluster, s);
            String text = incident.allText();
            for (String fact : s.facts()) {
                assertTrue(text.contains(fact), "the evidence has '" + fact + "':\n" + text);
            }
            Diagnosis d = engine.diagnose(incident);
            String cause = d.rootCause();
            assertEquals(s.category(), d.category(), "category; cause was: " + cause);
            for (String object : s.cause()) {
                assertTrue(cause.toLowerCase(Locale.ROOT).contains(object.toLowerCase(Locale.ROOT)),
                        "the cause names " + object + ": " + cause);
            }
            // the same incident as a person would paste it: the collected one must be at least as right
            Diagnosis pasted = engine.diagnose(pastedByHand(incident));
            int collectedScore = score(s, d);
            int pastedScore = score(s, pasted);
            COMPARISON.put(s.name(), String.format(Locale.ROOT, "| %s | %d/%d | %s | %d/%d | %s | %s |", s.name(),
                    collectedScore, s.cause().size() + 1, d.category().label(), pastedScore, s.cause().size() + 1,
                    pasted.category().label(), cause.replace('|', '/')));
            assertTrue(collectedScore >= pastedScore, "collected " + collectedScore + " < pasted " + pastedScore
                    + ": " + cause + " vs " + pasted.rootCause());
        }
    }

    private static final Map<String, String> COMPARISON = new ConcurrentSkipListMap<>();

    /** One point for the right category, one for each object the cause must name. */
    private static int score(BrokenClusters.Scenario s, Diagnosis d) {
        int points = d.category() == s.category() ? 1 : 0;
        for (String object : s.cause()) {
            points += d.rootCause().toLowerCase(Locale.ROOT).contains(object.toLowerCase(Locale.ROOT)) ? 1 : 0;
        }
        return points;
    }

    @AfterAll
    static void writeComparison() throws IOException {
        Path out = Path.of("target", "cluster-vs-pasted.md");
        Files.createDirectories(out.getParent());
        StringBuilder b = new StringBuilder("| fault | collected | category | pasted by hand | category | collected cause |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        COMPARISON.values().forEach(r -> b.append(r).append('\n'));
        Files.writeString(out, b.toString());
    }

    /** What a person would paste by hand: describe, events and logs, no manifests and no collection notes. */
    static Incident pastedByHand(Incident collected) {
        List<Evidence> pasted = collected.evidence().stream().filter(e -> e.kind() == EvidenceKind.DESCRIBE
                || e.kind() == EvidenceKind.EVENTS || e.kind() == EvidenceKind.LOGS).toList();
        return collected.withEvidence(collected.symptoms(), pasted);
    }
}
