package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;

import org.junit.jupiter.api.Test;

class PodStatusReaderTest {
    @Test
    void evictionForDiskAndForMemoryWithoutRequests() {
        found("message: 'The node was low on resource: ephemeral-storage. Container builder was using 9Gi, which exceeds its request of 0.'",
                "evicted-node-disk");
        TextFinding f = found(text("  message: >-",
                "    The node was low on resource: memory. Container indexer was using",
                "    27484Ki, which exceeds its request of 0. Container shipper was using 9736Ki, which",
                "    exceeds its request of 0.",
                "  reason: Evicted"), "evicted-no-request");
        value(f, "containers", "indexer, shipper");
        notFound("The node was low on resource: memory. Container indexer was using 900Mi, which exceeds its request of 512Mi.",
                "evicted-no-request");
    }

    @Test
    void mountFailureOfAPodThatMountsAConfigMap() {
        value(found(text("oc set volume dc/web --add --source='{\"configMap\":{\"name\":\"web-settings\"}}'",
                "E0524 kubelet.go:1796] Unable to mount volumes for pod \"web-2-abcde_shop(uid)\": timeout expired"),
                "configmap-volume-unmounted"), "configmap", "web-settings");
        value(found(text("      volumes:", "        - name: settings", "          configMap:",
                "            name: web-settings", "Warning  FailedMount  MountVolume.SetUp failed for volume \"settings\""),
                "configmap-volume-unmounted"), "configmap", "web-settings");
        notFound(text("      volumes:", "        - name: settings", "          configMap:", "            name: web-settings"),
                "configmap-volume-unmounted");
    }

    @Test
    void probesWithStatusAndPort() {
        TextFinding f = found("Warning  Unhealthy  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 404",
                "probe-http-status");
        value(f, "probe", "liveness");
        value(f, "code", "404");
        value(found("Readiness probe failed: Get \"http://10.1.0.7:9090/ready\": dial tcp 10.1.0.7:9090: connect: connection refused",
                "probe-port-refused"), "port", "9090");
        notFound("Readiness probe failed: Get \"http://10.1.0.7:9090/ready\": dial tcp 10.1.0.7:9090: connect: connection refused",
                "log-connection-refused");
    }

    @Test
    void volumeAndClassAndMountAndRuntimeMessages() {
        value(found("Warning VolumeMismatch persistentvolume-controller Cannot bind to requested volume \"archive-pv\": storageClassName does not match",
                "pvc-volume-mismatch"), "volume", "archive-pv");
        found("FailedBinding  no persistent volumes available for this claim and no storage class is set",
                "pvc-no-class-no-volume");
        value(found("mount: /var/lib/kubelet/pods/x/volumes: bad option; for several filesystems (e.g. nfs, cifs) you might need a /sbin/mount.<type> helper program.",
                "mount-helper-missing"), "fstype", "nfs");
        value(found("failed to reserve container name \"api_web-1_ns_uid_0\": name \"api_web-1_ns_uid_0\" is reserved for \"abc\"",
                "runtime-name-reserved"), "container", "api_web-1_ns_uid_0");
        value(found("W0301 controller.go:168] ignoring add for ingress shop based on annotation kubernetes.io/ingress.class",
                "ingress-ignored-by-class"), "ingress", "shop");
        value(found("I0402 08:20:13.118044 7 store.go:436] \"Ignoring ingress because of error while validating ingress "
                + "class\" ingress=\"wiki/wiki-web\" error=\"ingress does not contain a valid IngressClass\"",
                "ingress-ignored-by-class"), "ingress", "wiki-web");
        TextFinding backend = found("  /api   cart-web:8080 (<error: endpoints \"cart-web\" not found>)",
                "ingress-backend-missing");
        value(backend, "service", "cart-web");
        value(backend, "backend", "Service cart-web (port 8080)");
        found("Error: container has runAsNonRoot and image will run as root", "image-runs-as-root");
        value(found("Warning  Failed  kubelet  Error: container has runAsNonRoot and image has non-numeric user "
                + "(appuser), cannot verify user is non-root", "image-non-numeric-user"), "user", "appuser");
        notFound("Error: container has runAsNonRoot and image has non-numeric user (appuser), cannot verify user is "
                + "non-root", "image-runs-as-root");
        value(found("FailedGetResourceMetric  horizontal-pod-autoscaler  missing request for cpu",
                "hpa-pod-missing-request"), "resource", "cpu");
    }
}
