package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fabric8 mock API server in CRUD mode, plus what CRUD mode does not serve: container logs (current and
 * previous) and refusals (403) for chosen resources, as an API server with RBAC would answer.
 */
final class MockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    final AtomicInteger requests = new AtomicInteger();

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                String path = request.getPath();
                String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
                for (String resource : forbidden) {
                    if (bare.contains("/" + resource + "/") || bare.endsWith("/" + resource)) {
                        return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":\"" + resource
                                + " is forbidden: User \\\"system:serviceaccount:ops:metakube\\\" cannot list resource\"}");
                    }
                }
                if (bare.endsWith("/log")) {
                    String[] parts = bare.split("/");
                    String ns = parts[4];
                    String pod = parts[6];
                    String container = query(path, "container");
                    boolean previous = "true".equals(query(path, "previous"));
                    String text = logs.get(key(ns, pod, container, previous));
                    if (text == null) {
                        return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"code\":400,"
                                + "\"message\":\"previous terminated container not found\"}");
                    }
                    return new MockResponse().setResponseCode(200).setBody(text);
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** Creates the objects as they are, status included. */
    MockCluster with(HasMetadata... objects) {
        for (HasMetadata o : objects) {
            client.resource(o).create();
        }
        return this;
    }

    MockCluster log(String ns, String pod, String container, boolean previous, String text) {
        logs.put(key(ns, pod, container, previous), text);
        return this;
    }

    /** Every request for this resource (plural, as in the URL: {@code secrets}) is refused with 403. */
    MockCluster forbid(String resource) {
        forbidden.add(resource);
        return this;
    }

    private static String key(String ns, String pod, String container, boolean previous) {
        return ns + "/" + pod + "/" + container + "/" + previous;
    }

    private static String query(String path, String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String kv : path.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return kv.substring(eq + 1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
