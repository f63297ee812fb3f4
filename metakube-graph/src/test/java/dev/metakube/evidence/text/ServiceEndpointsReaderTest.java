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
