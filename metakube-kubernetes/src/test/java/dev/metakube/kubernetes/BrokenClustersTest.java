package dev.metakube.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import java.util.List;
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
    static void close() {
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
        }
    }

    /** What a person would paste by hand: describe, events and logs, no manifests and no collection notes. */
    static Incident pastedByHand(Incident collected) {
        List<Evidence> pasted = collected.evidence().stream().filter(e -> e.kind() == EvidenceKind.DESCRIBE
                || e.kind() == EvidenceKind.EVENTS || e.kind() == EvidenceKind.LOGS).toList();
        return collected.withEvidence(collected.symptoms(), pasted);
    }
}
