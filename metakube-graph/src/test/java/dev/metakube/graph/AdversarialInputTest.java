package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Signal;
import dev.metakube.evidence.EvidenceAnalyzer;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing: random and mutated evidence and 1 MB of text built to hurt regular expressions and parsers must be
 * analysed and searched without an exception, within a time bound, with input bounded and redaction intact.
 */
class AdversarialInputTest {
    private static CausalGraph graph;

    @BeforeAll
    static void open() {
        graph = new KubeGraphProvider().create(MetaKubeConfig.defaults());
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    private static void survives(Incident incident) {
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(incident);
        int total = a.incident().evidence().stream().mapToInt(e -> e.text().length()).sum();
        assertTrue(total <= EvidenceAnalyzer.MAX_TOTAL + 4_096, "bounded: " + total);
        assertTrue(a.signals().size() <= EvidenceAnalyzer.MAX_SIGNALS);
        for (Signal s : a.signals()) {
            assertTrue(s.excerpt().length() <= 240, s.excerpt());
        }
        assertTrue(graph.explore(new Exploration(a.signals(), List.of(), 3, 5)).size() <= 5);
    }

    /** Sequences that make backtracking engines explode or parsers recurse. */
    static String adversarialMegabyte() {
        StringBuilder b = new StringBuilder(1_100_000);
        String[] pieces = {
            "a".repeat(50_000), "(".repeat(20_000), "Endpoints:" + " ".repeat(30_000) + "<non",
            "exit code " + " ".repeat(10_000), "-----BEGIN ".repeat(3_000), "eyJ" + "A".repeat(60_000),
            "postgres://" + "a:".repeat(20_000) + "@", "password=".repeat(10_000), "OOMKilled ".repeat(20_000),
            "x509: certificate has expired\n".repeat(5_000), "\"".repeat(20_000), "[".repeat(20_000),
            "configmap \"" + "a".repeat(40_000), "Readiness probe failed: Get " + "x".repeat(30_000),
            "lookup " + "a.".repeat(20_000), "{".repeat(20_000), "\t".repeat(20_000) + "Name:",
            "kind: Secret\ndata:\n" + "  k: v\n".repeat(10_000), "\u0000\uFFFE\uD800".repeat(5_000),
            "node(s) had untolerated taint {" + "k".repeat(30_000)};
        int i = 0;
        while (b.length() < 1_048_576) {
            b.append(pieces[i++ % pieces.length]).append('\n');
        }
        return b.toString();
    }

    @Test
    void aMegabyteOfAdversarialTextIsBoundedAndFast() {
        String text = adversarialMegabyte();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (EvidenceKind kind : new EvidenceKind[] {EvidenceKind.LOGS, EvidenceKind.MANIFEST}) {
                survives(Incident.builder().id("adv").symptoms(text.substring(0, 20_000))
                        .evidence(new Evidence(kind, "fuzz", text)).build());
            }
            EvidenceAnalysis a = ((KubeGraph) graph).analyze(Incident.builder().id("adv2")
                    .evidence(new Evidence(EvidenceKind.LOGS, "", text))
                    .evidence(new Evidence(EvidenceKind.LOGS, "", text))
                    .evidence(new Evidence(EvidenceKind.LOGS, "", text)).build());
            assertTrue(a.notes().stream().anyMatch(n -> n.contains("truncated") || n.contains("dropped")),
                    a.notes().toString());
        });
    }

    @Test
    void yamlBombsAndDeepNestingDoNotHurt() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\na: &a [\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (int i = 0; i < 12; i++) {
            String name = "l" + i;
            bomb.append(name).append(": &").append(name).append(" [*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append("]\n");
            prev = name;
        }
        String deep = "apiVersion: v1\nkind: Pod\nspec: " + "[".repeat(5_000) + "]".repeat(5_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            survives(Incident.builder().id("bomb").evidence(new Evidence(EvidenceKind.MANIFEST, "", bomb.toString()))
                    .build());
            survives(Incident.builder().id("deep").evidence(new Evidence(EvidenceKind.MANIFEST, "", deep)).build());
        });
    }

    @Test
    void randomAndMutatedEvidenceNeverThrows() {
        Random r = new Random(42);
        List<FocusAreaScenarios.Scenario> seeds = FocusAreaScenarios.all();
        String alphabet = "aZ09 :/\"'{}[]()-_.=\n\t\\*+?|^$@#%&!<>~`;,";
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 400; round++) {
                StringBuilder b = new StringBuilder(seeds.get(round % seeds.size()).evidence());
                int mutations = 1 + r.nextInt(20);
                for (int m = 0; m < mutations && b.length() > 0; m++) {
                    int at = r.nextInt(b.length());
                    switch (r.nextInt(4)) {
                        case 0 -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                        case 1 -> b.insert(at, b.substring(at, Math.min(b.length(), at + r.nextInt(200))));
                        case 2 -> b.delete(at, Math.min(b.length(), at + r.nextInt(50)));
                        default -> b.insert(at, (char) r.nextInt(0x3000));
                    }
                }
                StringBuilder random = new StringBuilder();
                for (int i = 0, n = r.nextInt(2_000); i < n; i++) {
                    random.append((char) (r.nextBoolean() ? alphabet.charAt(r.nextInt(alphabet.length()))
                            : r.nextInt(0xFFFF)));
                }
                EvidenceKind kind = EvidenceKind.values()[r.nextInt(EvidenceKind.values().length)];
                survives(Incident.builder().id("fuzz-" + round).symptoms(random.toString() + "x")
                        .evidence(new Evidence(kind, "", b.toString())).build());
            }
        });
    }

    @Test
    void redactionHoldsInsideNoise() {
        String secret = "Pw-7731-zzQ-secret!";
        String noise = adversarialMegabyte().substring(0, 200_000);
        EvidenceAnalysis a = ((KubeGraph) graph).analyze(Incident.builder().id("noisy")
                .evidence(Evidence.text(noise + "\nDB_PASSWORD=" + secret + "\n" + noise.substring(0, 50_000)))
                .build());
        assertFalse(a.incident().allText().contains(secret));
    }
}
