package dev.metakube.evidence;

import dev.metakube.redaction.Redactor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every planted secret is gone from the analysed incident and the signals; references to secrets stay. */
class RedactorTest {
    private static final String PASSWORD = "Zq8!vR2#pL9wX4";
    private static final String TOKEN = "tkn_7f3a9c2e8b1d4f6a0c5e9b3d7f1a2c4e";
    private static final String AWS = "AKIAIOSFODNN7EXAMPLE";
    private static final String GITHUB = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlX3NlY3JldA";
    private static final String B64 = "cG9zdGdyZXM6Ly9hZG1pbjpTM2NyM3RAZGIucHJvZDo1NDMyL29yZGVycw==";
    private static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    private static final String DOCKER_AUTH = "dXNlcjpwYXNzd29yZDEyMw==";
    private static final String URL_PASS = "hunter2hunter2";
    private static final String SLACK = "xoxb-1234567890-abcdefghijklmnop";

    static final List<String> PLANTED = List.of(PASSWORD, TOKEN, AWS, GITHUB, JWT, B64, PEM_BODY, DOCKER_AUTH,
            URL_PASS, SLACK, "c2lnbmF0dXJlX3NlY3JldA");

    static Incident leakyIncident() {
        String logs = String.join("\n",
                "2026-06-01T10:00:00Z connecting to postgres://orders:" + URL_PASS + "@db.prod.svc:5432/orders",
                "DB_PASSWORD=" + PASSWORD,
                "api_key: " + TOKEN,
                "Authorization: Bearer " + JWT,
                "aws_access_key_id = " + AWS,
                "using token " + GITHUB,
                "slack webhook token=" + SLACK,
                "-----BEGIN RSA PRIVATE KEY-----", PEM_BODY, "-----END RSA PRIVATE KEY-----",
                "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + DOCKER_AUTH + "\"}}}",
                "Warning  Failed  kubelet  Error: secret \"db-credentials\" not found");
        String manifest = String.join("\n",
                "apiVersion: v1", "kind: Secret", "metadata:", "  name: db-credentials", "type: Opaque", "data:",
                "  url: " + B64, "  password: " + B64.substring(0, 20) + "A1", "stringData:",
                "  token: \"" + TOKEN + "\"");
        return Incident.builder().id("leak").symptoms("login fails, password is " + PASSWORD)
                .evidence(new Evidence(EvidenceKind.LOGS, "kubectl logs api", logs))
                .evidence(new Evidence(EvidenceKind.MANIFEST, "secret.yaml", manifest)).build();
    }

    @Test
    void removesEveryPlantedSecretFromTheIncidentAndTheSignals() {
        EvidenceAnalyzer analyzer = new EvidenceAnalyzer(List.of());
        EvidenceAnalysis a = analyzer.analyze(leakyIncident());
        String all = a.incident().allText() + a.incident().evidence().stream().map(Evidence::source).toList();
        for (String secret : PLANTED) {
            assertFalse(all.contains(secret), "leaked " + secret + " in\n" + all);
            for (Signal s : a.signals()) {
                assertFalse(s.excerpt().contains(secret) || s.value().contains(secret), s.toString());
            }
        }
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("redacted ")), a.notes().toString());
    }

    @Test
    void keepsWhatDiagnosisNeeds() {
        EvidenceAnalysis a = new EvidenceAnalyzer(List.of()).analyze(leakyIncident());
        String all = a.incident().allText();
        assertTrue(all.contains("secret \"db-credentials\" not found"), all);
        assertTrue(all.contains("name: db-credentials"), all);
        assertTrue(all.contains("  url: "), "Secret keys are kept for key checks: " + all);
        assertTrue(all.contains("db.prod.svc:5432"), all);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = String.join("\n",
                "Failed to pull image \"registry.example.com/shop/checkout@sha256:"
                        + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\": unauthorized: authentication required",
                "secretName: tls-cert", "automountServiceAccountToken: false", "token expired for user bob",
                "Volumes:  kube-api-access-x2k9p  Type: Projected");
        Redactor.Result r = new Redactor().redact(text);
        assertEquals(text, r.text());
        assertEquals(0, r.total());
    }

    @Test
    void jsonSecretManifestsAreRedactedToo() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":\"" + B64
                + "\",\"other\":\"c2VjcmV0LXZhbHVl\"}}";
        Redactor.Result r = new Redactor().redact(json);
        assertFalse(r.text().contains(B64), r.text());
        assertFalse(r.text().contains("c2VjcmV0LXZhbHVl"), r.text());
        assertTrue(r.text().contains("\"k\""), r.text());
    }
}
