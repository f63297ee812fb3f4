package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;

import org.junit.jupiter.api.Test;

class ServiceEndpointsReaderTest {
    @Test
    void anEmptyEndpointsTableOrObjectNamesTheService() {
        value(found(text("$ kubectl get endpoints web -n shop", "NAME   ENDPOINTS   AGE", "web    <none>      3m"),
                "no-endpoints"), "service", "web");
        value(found(text("apiVersion: v1", "kind: Endpoints", "metadata:", "  name: web", "subsets: []"),
                "no-endpoints"), "service", "web");
        notFound(text("NAME   ENDPOINTS                       AGE", "web    10.0.0.7:8080,10.0.0.8:8080   3m"),
                "no-endpoints");
    }

    @Test
    void endpointsOnAPortTheApplicationDoesNotListenOnAreAWrongTargetPort() {
        String go = text("NAME                  ENDPOINTS                          AGE",
                "endpoints/ledger-svc  10.1.4.7:80,10.1.5.2:80               3d",
                "{\"level\":\"info\",\"ts\":\"2025-01-02T07:41:02Z\",\"msg\":\"http server listening\",\"addr\":\":9090\"}");
        TextFinding f = found(go, "service-target-port-mismatch");
        value(f, "service", "ledger-svc");
        value(f, "port", "80");
        value(f, "containerport", "9090");
        value(found(text("NAME   ENDPOINTS             AGE", "web    10.0.0.7:8080         3m",
                "Tomcat started on port(s): 8081 (http) with context path ''"), "service-target-port-mismatch"),
                "containerport", "8081");
        // the same port, or a loopback bind (another fault), or no endpoints shown: nothing to compare
        notFound(text("NAME   ENDPOINTS             AGE", "web    10.0.0.7:8080         3m",
                "INFO Listening on http://0.0.0.0:8080"), "service-target-port-mismatch");
        notFound(text("NAME   ENDPOINTS             AGE", "web    10.0.0.7:8080         3m",
                "[INFO] Listening at: http://127.0.0.1:8000 (1)"), "service-target-port-mismatch");
        notFound(text("2025-01-02T07:41:02Z server listening on :9090"), "service-target-port-mismatch");
    }

    @Test
    void aLoopbackBindWithRefusedConnectionsIsTheFault() {
        value(found(text("[2025-01-02 07:41:02 +0000] [1] [INFO] Listening at: http://127.0.0.1:8000 (1)",
                "Warning  Unhealthy  kubelet  Readiness probe failed: Get \"http://10.1.2.3:8000/healthz\": dial tcp "
                        + "10.1.2.3:8000: connect: connection refused"), "app-listens-loopback"), "port", "8000");
        notFound(text("admin listening on 127.0.0.1:15000", "INFO serving on 0.0.0.0:8080"), "app-listens-loopback");
    }

    @Test
    void aSelectorPairNoPodCarriesIsTheFault() {
        String describe = text("Name:              web", "Namespace:         shop", "Labels:            app=web",
                "Selector:          app=web,tier=frontend", "Type:              ClusterIP", "",
                "NAME                   READY   STATUS    RESTARTS   AGE   LABELS",
                "web-7d4b9c-abcde       1/1     Running   0          2m    app=web,pod-template-hash=7d4b9c",
                "", "NAME   ENDPOINTS   AGE", "web    <none>      3m");
        TextFinding f = found(describe, "service-selector-no-match");
        value(f, "selector", "app=web,tier=frontend");
        value(f, "labels", "app=web");
        value(f, "service", "web");
        // the same Service with pods that carry both labels: no mismatch, only the empty endpoints
        notFound(describe.replace("app=web,pod-template-hash", "app=web,tier=frontend,pod-template-hash"),
                "service-selector-no-match");
    }

    @Test
    void podLabelsFromDescribeCountButTheServicesOwnLabelsDoNot() {
        String text = text("Name:              web", "Labels:            tier=frontend",
                "Selector:          tier=frontend", "", "Name:         web-1", "Labels:       app=web",
                "              pod-template-hash=abc");
        value(found(text, "service-selector-no-match"), "labels", "app=web");
        notFound(text.replace("pod-template-hash=abc", "tier=frontend"), "service-selector-no-match");
    }
}
