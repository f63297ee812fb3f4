package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose} with a served model ({@code --model-url}): its answer becomes the diagnosis, and a server that cannot
 * answer leaves the template model's diagnosis with a note. (The in-process random checkpoint: {@link
 * RandomCheckpointIT}.)
 */
class ModelTrustTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode diagnose(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("diagnose", "incidents/oom-killed.yaml", "--json", "--in-memory",
                "--no-seed"));
        args.addAll(List.of(extra));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit, r.toString());
        return JSON.readTree(r.out);
    }

    static List<String> notes(JsonNode d) {
        List<String> out = new ArrayList<>();
        d.get("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aServedModelAnswersThroughTheCommandLine() throws IOException {
        String cause = "The image-resizer container is OOMKilled: its memory limit is below the working set of a"
                + " batch of large photos";
        ObjectNode answer = JSON.createObjectNode().put("category", "resource").put("root_cause", cause);
        answer.putArray("causal_chain").add("OOMKilled");
        answer.putArray("remediation").addObject().put("action", "Raise the memory limit").put("command", "");
        answer.putArray("prevention");
        answer.putArray("hypotheses");
        answer.put("confidence", 0.99);
        List<String> bodies = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            synchronized (bodies) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            ObjectNode root = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion")
                    .put("created", 1L).put("model", "kube");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", answer.toString());
            byte[] out = root.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            JsonNode d = diagnose("--model-url", url, "--model-name", "kube");
            assertEquals("openai:kube", d.get("model").asText());
            assertEquals(1, bodies.size());
            assertEquals(cause, d.get("rootCause").asText(), d.toPrettyString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableServerLeavesTheTemplateDiagnosisWithANote() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JsonNode template = diagnose();
        JsonNode d = diagnose("--model-url", "http://127.0.0.1:" + port + "/v1", "--model-name", "kube");
        assertTrue(notes(d).stream().anyMatch(n -> n.contains("connection refused")
                && n.contains("template model wrote")), d.toPrettyString());
        assertEquals(template.get("rootCause").asText(), d.get("rootCause").asText());
    }

    @Test
    void aModelNameWithoutAUrlIsBadInput() {
        Cli r = Cli.run("diagnose", "incidents/oom-killed.yaml", "--in-memory", "--model-name", "kube");
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("--model-url"), r.err);
    }
}
