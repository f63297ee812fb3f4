package dev.metakube.llm.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free local port that speaks the chat-completions API: it answers each request with the
 * next scripted reply (the last one repeats) and records every request body.
 */
final class ScriptedServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: the HTTP status, the body and how long to wait before answering. */
    record Reply(int status, String body, long delayMillis) {
        /** A 200 answer whose assistant message is {@code content}. */
        static Reply content(String content) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000L)
                    .put("model", "served");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
            return new Reply(200, root.toString(), 0);
        }

        static Reply status(int status) {
            return new Reply(status, "{\"error\": {\"message\": \"scripted " + status + "\", \"type\": \"server_error\"}}",
                    0);
        }

        Reply after(long millis) {
            return new Reply(status, body, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private Reply last;
    private final List<String> bodies = new ArrayList<>();

    ScriptedServer(Reply... replies) {
        script.addAll(List.of(replies));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply r;
            synchronized (this) {
                bodies.add(body);
                r = script.isEmpty() ? last : script.poll();
                last = r;
            }
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(r.status(), out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (IOException clientGone) {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL, ending in {@code /v1}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
