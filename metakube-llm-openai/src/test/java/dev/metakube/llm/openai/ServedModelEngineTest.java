package dev.metakube.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import dev.metakube.llm.openai.ScriptedServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The served model inside the whole engine, selected by configuration, against a scripted server. */
class ServedModelEngineTest {
    private static final String[] SECRETS = {"hunter2-planted-4471", "pl4ntedUrlPass", "AKIAPLANTED0SECRET01",
            "Zm9vYmFyLXBsYW50ZWQtdG9rZW4tMDAx"};

    private static Incident oom() {
        return Incident.builder().id("oom-7").symptoms("ledger-api pods keep restarting")
                .context("billing", "Deployment", "ledger-api")
                .evidence(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod ledger-api-5d8f-q1", String.join("\n",
                        "Name:         ledger-api-5d8f-q1",
                        "    Last State:     Terminated",
                        "      Reason:       OOMKilled",
                        "      Exit Code:    137",
                        "    Limits:",
                        "      memory:  256Mi",
                        "    Environment:",
                        "      DB_PASSWORD=" + SECRETS[0],
                        "      DATABASE_URL=postgres://ledger:" + SECRETS[1] + "@db.billing:5432/ledger",
                        "      AWS_ACCESS_KEY_ID:  " + SECRETS[2],
                        "    Args: --header Authorization: Bearer " + SECRETS[3])))
                .build();
    }

    private static MetaKube engine(String url) {
        return MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(false)
                .property(ServedModelSettings.URL, url).property(ServedModelSettings.NAME, "qwen3-8b-kube")
                .property(ServedModelSettings.TIMEOUT, "2").build()).build();
    }

    @Test
    void aScriptedAnswerBecomesTheDiagnosis() {
        String cause = "Container of ledger-api is OOMKilled: its 256Mi memory limit is below its working set";
        String answer = ServedDiagnosticModelTest.ANSWER.replaceFirst("\"root_cause\": \"[^\"]*\"",
                "\"root_cause\": \"" + cause + "\"");
        try (ScriptedServer server = new ScriptedServer(Reply.content(answer)); MetaKube mk = engine(server.url())) {
            Diagnosis d = mk.diagnose(oom());
            assertEquals(cause, d.rootCause(), d.toString());
            assertEquals("openai:qwen3-8b-kube", d.model());
            assertTrue(d.notes().stream().noneMatch(n -> n.contains("template model wrote")), d.notes().toString());
            assertEquals(1, server.bodies().size());
        }
    }

    @Test
    void aPlantedSecretInTheEvidenceNeverReachesTheRequestBody() {
        try (ScriptedServer server = new ScriptedServer(Reply.content(ServedDiagnosticModelTest.ANSWER));
             MetaKube mk = engine(server.url())) {
            mk.diagnose(oom());
            String body = server.bodies().get(0);
            assertTrue(body.contains("OOMKilled") && body.contains("ledger-api-5d8f-q1"), "the evidence was sent: " + body);
            for (String secret : SECRETS) {
                assertFalse(body.contains(secret), secret + " reached the server: " + body);
            }
        }
    }

    @Test
    void anUnreachableServerFallsBackToTheTemplateModelAndSaysSo() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (MetaKube mk = engine("http://127.0.0.1:" + port + "/v1")) {
            Diagnosis d = mk.diagnose(oom());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("connection refused")
                    && n.contains("the template model wrote this diagnosis")), d.notes().toString());
            assertTrue(d.rootCause().toLowerCase().contains("memory"), d.rootCause());
        }
    }
}
