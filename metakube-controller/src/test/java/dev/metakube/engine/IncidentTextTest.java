package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentTextTest {
    private static EvidenceAnalysis analysis(String ns, String app, String pod, String registry, String ip) {
        Incident incident = new Incident("i-" + app, app + " in " + ns + " cannot pull its image since 09:14",
                List.of(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n " + ns,
                        "Failed to pull image " + registry + "/" + app + ":1.4.2")),
                new ClusterContext(ns, "Deployment", app, "1.29", Map.of("app", app, "team", "payments")),
                Instant.parse("2026-03-01T00:00:00Z"));
        List<Signal> signals = List.of(
                new Signal("image-pull-backoff", SignalKind.REASON, "ImagePullBackOff",
                        "pod " + pod + " Back-off pulling image " + registry + "/" + app + ":1.4.2", 0.9),
                new Signal("registry-unauthorized", SignalKind.ERROR_PHRASE, "401",
                        "pull from " + ip + ":443 rejected: 401 Unauthorized", 0.8),
                new Signal("object", SignalKind.OBJECT, pod, "", 0.5));
        return new EvidenceAnalysis(incident, signals, List.of());
    }

    @Test
    void theSameFaultInOtherNamesReadsTheSame() {
        String a = IncidentText.of(analysis("checkout", "cart-api", "cart-api-7d9f8c6b5-x2k4q",
                "registry.internal.example.com", "10.0.12.7"));
        String b = IncidentText.of(analysis("billing", "ledger", "ledger-5c4b7f9d8-qq7wm",
                "harbor.corp.example.net", "172.16.4.21"));
        assertEquals(a, b);
        assertTrue(a.contains("registry-unauthorized"), a);
        assertTrue(a.contains("401 Unauthorized") || a.contains("<n> Unauthorized"), a);
    }

    @Test
    void namesAddressesAndNumbersAreMasked() {
        String t = IncidentText.of(analysis("checkout", "cart-api", "cart-api-7d9f8c6b5-x2k4q",
                "registry.internal.example.com", "10.0.12.7"));
        for (String name : List.of("checkout", "cart-api", "7d9f8c6b5", "registry.internal.example.com",
                "10.0.12.7", "09:14")) {
            assertFalse(t.contains(name), name + " left in: " + t);
        }
        assertTrue(t.contains("<workload>") && t.contains("<namespace>") && t.contains("<host>")
                && t.contains("<address>"), t);
        assertTrue(t.contains("Back-off pulling image"), "the words that tell the fault stay: " + t);
    }

    @Test
    void wordsThatEndInTheirNumberAndApiVersionsStay() {
        EvidenceAnalysis a = analysis("checkout", "cart-api", "cart-api-7d9f8c6b5-x2k4q", "ghcr.io", "10.0.0.1");
        String t = IncidentText.masked("amd64 image on arm64 nodes, policy/v1beta1 removed, sha256 digest "
                + "3f9a2b7c1d, pod x2k4q", a);
        for (String kept : List.of("amd64", "arm64", "v1beta1", "sha256")) {
            assertTrue(t.contains(kept), kept + " masked: " + t);
        }
        assertFalse(t.contains("3f9a2b7c1d") || t.contains("x2k4q"), t);
    }

    @Test
    void theEmbeddedTextIsShortDecisiveAndTheSameInOtherNames() {
        EvidenceAnalysis one = analysis("checkout", "cart-api", "cart-api-7d9f8c6b5-x2k4q",
                "registry.internal.example.com", "10.0.12.7");
        String a = IncidentText.embedded(one);
        String b = IncidentText.embedded(analysis("billing", "ledger", "ledger-5c4b7f9d8-qq7wm",
                "harbor.corp.example.net", "172.16.4.21"));
        assertEquals(a, b);
        // what the analysis found comes first, as words; then the symptoms
        assertTrue(a.startsWith("image pull backoff registry unauthorized in cannot pull its image since pod"), a);
        for (String name : List.of("checkout", "cart-api", "7d9f8c6b5", "registry.internal", "10.0.12.7", "<", " / ")) {
            assertFalse(a.contains(name), name + " left in: " + a);
        }
        int pieces = 0;
        for (String w : a.split(" ")) {
            pieces += IncidentText.pieces(w);
        }
        assertTrue(pieces <= IncidentText.EMBEDDED_PIECES, pieces + " pieces: " + a);
        assertTrue(pieces > IncidentText.EMBEDDED_PIECES - 6, "the budget is used: " + a);
    }

    @Test
    void wordPiecesAreCountedAsABertTokenizerCutsThem() {
        assertEquals(1, IncidentText.pieces("memory"));
        assertEquals(3, IncidentText.pieces("oom-killed"));
        assertEquals(3, IncidentText.pieces("<n>"));
        assertEquals(3, IncidentText.pieces("OOMKilled:"));
        assertEquals(4, IncidentText.pieces("(read-only"));
        assertEquals(2, IncidentText.pieces("configuration"));
    }
}
