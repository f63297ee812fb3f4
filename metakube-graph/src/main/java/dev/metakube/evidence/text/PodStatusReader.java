package dev.metakube.evidence.text;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the kubelet and controllers say about a pod and its volumes: evictions with the resource and the
 * containers' usage against their requests, probe failures with the probe, path and status code, a container
 * refused for running as root, an HPA that finds a pod without requests, claims that cannot bind, a mount that
 * lacks its helper program, an Ingress the controller ignores for its class annotation.
 */
final class PodStatusReader implements LineReader {
    private static final Pattern EVICTED = Pattern.compile("low on resource: ([a-z-]{3,40})");
    private static final Pattern USAGE = Pattern.compile(
            "Container ([a-z0-9][a-z0-9-]{0,62}) was using ([0-9]{1,12}(?:\\.[0-9]{1,6})?[A-Za-z]{0,3}), which exceeds its request of ([0-9]{1,12}(?:\\.[0-9]{1,6})?[A-Za-z]{0,3})");
    private static final Pattern PROBE = Pattern.compile(
            "(Liveness|Readiness|Startup) probe failed: (?:HTTP probe failed with statuscode: (\\d{3})|Get \"?([a-z]{2,5}://[^\"\\s]{1,300})\"?)");
    private static final Pattern VOLUME_MISMATCH = Pattern.compile(
            "Cannot bind to requested volume \"([^\"]{1,253})\": ([^\\n]{1,200})");
    private static final Pattern NON_NUMERIC_USER = Pattern.compile("non-numeric user \\(([^)\\s]{1,64})\\)");
    /** {@code web:80 (<error: endpoints "web" not found>)} of {@code kubectl describe ingress}. */
    private static final Pattern MISSING_BACKEND = Pattern.compile(
            "(?:[a-z0-9][a-z0-9.-]{0,252}:([0-9A-Za-z-]{1,15}) )?\\(<error: endpoints \"([a-z0-9][a-z0-9.-]{0,252})\" not found>\\)");
    /** {@code ingress="docs/site"} in a controller's structured log line: the Ingress's name after the slash. */
    private static final Pattern INGRESS_KEY = Pattern.compile("ingress=\"?(?:[a-z0-9-]{1,63}/)?([a-z0-9][a-z0-9.-]{0,252})");
    private static final Pattern IGNORED_INGRESS = Pattern.compile(
            "ignoring (?:add|update|delete)? ?for ingress ([A-Za-z0-9./-]{1,253}) based on annotation ([A-Za-z0-9./-]{1,253})");
    private static final Pattern CONFIGMAP_JSON = Pattern.compile(
            "\"configMap\"[ \\t]{0,5}:[ \\t]{0,5}\\{[ \\t]{0,5}\"name\"[ \\t]{0,5}:[ \\t]{0,5}\"([a-z0-9][a-z0-9.-]{0,252})\"");
    private static final Pattern NAME_LINE = Pattern.compile("^[ \\t]{0,40}-?[ \\t]{0,3}name:[ \\t]{1,10}\"?([a-z0-9][a-z0-9.-]{0,252})\"?[ \\t]*$");
    private static final Pattern HPA_MISSING = Pattern.compile("missing request for (cpu|memory)");
    private static final Pattern NAME_RESERVED = Pattern.compile(
            "failed to reserve container name \\\\?\"([^\"\\\\]{1,253})\\\\?\"");

    private static final Pattern YAML_KEY = Pattern.compile("^[ \\t]{0,40}-?[ \\t]{0,3}[A-Za-z][A-Za-z0-9_-]{0,60}:( |$)");
    /** Lines of an eviction message read at most (YAML output folds it over several lines). */
    private static final int MAX_EVICTION_LINES = 16;

    private final Map<String, TextFinding> first = new LinkedHashMap<>();
    /** The eviction message, its folded lines joined, while it is being read. */
    private StringBuilder eviction;
    private int evictionLines;
    private String evictedResource;
    private String evictedQuote;
    private final Set<String> zeroRequest = new LinkedHashSet<>();
    private String usage;
    private int evictedRows;
    /** The ConfigMap a volume of the evidence references, and lines left to find its name after "configMap:". */
    private String configMapVolume;
    private int configMapLines;
    private String mountFailure;
    private boolean diskFree;

    @Override
    public void line(String line, String lower) {
        if (eviction != null) {
            if (evictionLines < MAX_EVICTION_LINES && !line.isBlank() && !YAML_KEY.matcher(line).find()) {
                eviction.append(' ').append(line.strip());
                evictionLines++;
            } else {
                usage(eviction.toString());
                eviction = null;
            }
        }
        if (lower.contains("low on resource") && evictedResource == null) {
            Matcher m = EVICTED.matcher(line);
            if (m.find()) {
                evictedResource = m.group(1);
                evictedQuote = line;
                eviction = new StringBuilder(line);
                evictionLines = 0;
            }
        }
        if (lower.contains(" evicted ") || lower.endsWith(" evicted")) {
            evictedRows++;
        }
        if (lower.startsWith("filesystem ") && lower.contains("avail") || lower.contains("df -h")) {
            diskFree = true;
        }
        if (configMapVolume == null) {
            if (configMapLines > 0) {
                configMapLines--;
                Matcher n = NAME_LINE.matcher(line);
                if (n.find()) {
                    configMapVolume = n.group(1);
                }
            } else if (lower.contains("configmap:")
                    && (lower.strip().equals("configmap:") || lower.strip().equals("- configmap:"))) {
                configMapLines = 3;
            } else if (line.contains("\"configMap\"")) {
                Matcher j = CONFIGMAP_JSON.matcher(line);
                if (j.find()) {
                    configMapVolume = j.group(1);
                }
            }
        }
        if (mountFailure == null && (lower.contains("unable to mount volumes") || lower.contains("mountvolume.setup failed")
                || lower.contains("unable to attach or mount volumes"))) {
            mountFailure = line;
        }
        if (lower.contains("probe failed")) {
            Matcher m = PROBE.matcher(line);
            if (m.find()) {
                String probe = m.group(1).toLowerCase(java.util.Locale.ROOT);
                if (m.group(2) != null) {
                    keep(TextFinding.of("probe-http-status", line, 0.9, "probe", probe, "code", m.group(2)));
                } else if (m.group(3) != null && lower.contains("connection refused")) {
                    String url = m.group(3);
                    // often a consequence of restarts: weaker than what made the container restart
                    keep(TextFinding.of("probe-port-refused", line, 0.7, "probe", probe, "url", url,
                            "port", port(url)));
                }
            }
        }
        if (lower.contains("runasnonroot and image will run as root")) {
            keep(TextFinding.of("image-runs-as-root", line, 0.95));
        }
        if (lower.contains("runasnonroot and image has non-numeric user")) {
            // another fault than a root image: the user is not root, but the kubelet cannot tell without a UID
            Matcher m = NON_NUMERIC_USER.matcher(line);
            keep(TextFinding.of("image-non-numeric-user", line, 0.95, "user", m.find() ? m.group(1) : null));
        }
        if (lower.contains("missing request for")) {
            Matcher m = HPA_MISSING.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("hpa-pod-missing-request", line, 0.95, "resource", m.group(1)));
            }
        }
        if (lower.contains("cannot bind to requested volume")) {
            Matcher m = VOLUME_MISMATCH.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("pvc-volume-mismatch", line, 0.95, "volume", m.group(1),
                        "mismatch", m.group(2).strip()));
            }
        }
        if (lower.contains("no persistent volumes available for this claim and no storage class is set")) {
            keep(TextFinding.of("pvc-no-class-no-volume", line, 0.95));
        }
        if (lower.contains("ignoring") && lower.contains("based on annotation")) {
            Matcher m = IGNORED_INGRESS.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("ingress-ignored-by-class", line, 0.95, "ingress", m.group(1),
                        "annotation", m.group(2)));
            }
        }
        if (lower.contains("<error: endpoints")) {
            // kubectl describe ingress: a backend whose Service does not exist
            Matcher m = MISSING_BACKEND.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("ingress-backend-missing", line, 0.95, "backend", "Service " + m.group(2)
                        + (m.group(1) == null ? "" : " (port " + m.group(1) + ")"), "service", m.group(2)));
            }
        }
        if (lower.contains("valid ingressclass") || lower.contains("validating ingress class")) {
            // the controller's word for an Ingress that names no class it serves and finds no default class
            Matcher m = INGRESS_KEY.matcher(line);
            keep(TextFinding.of("ingress-ignored-by-class", line, 0.95, "ingress", m.find() ? m.group(1) : null,
                    "annotation", "spec.ingressClassName"));
        }
        if (lower.contains("helper program") && lower.contains("mount")) {
            String fs = lower.contains("nfs") ? "nfs" : lower.contains("cifs") ? "cifs" : lower.contains("glusterfs")
                    ? "glusterfs" : lower.contains("ceph") ? "ceph" : null;
            keep(TextFinding.of("mount-helper-missing", line, 0.95, "fstype", fs));
        }
        if (lower.contains("failed to reserve container name")) {
            Matcher m = NAME_RESERVED.matcher(line);
            keep(TextFinding.of("runtime-name-reserved", line, 0.95, "container", m.find() ? m.group(1) : null));
        }
    }

    private void usage(String message) {
        Matcher u = USAGE.matcher(message);
        while (u.find()) {
            if (usage == null) {
                usage = ": container " + u.group(1) + " was using " + u.group(2) + " against a request of "
                        + u.group(3);
            }
            if (u.group(3).equals("0")) {
                zeroRequest.add(u.group(1));
            }
        }
    }

    private static String port(String url) {
        Matcher m = Pattern.compile("://[^/:]{1,253}:(\\d{1,5})").matcher(url);
        return m.find() ? m.group(1) : null;
    }

    private void keep(TextFinding f) {
        first.putIfAbsent(f.key(), f);
    }

    @Override
    public void finish(List<TextFinding> out) {
        if (eviction != null) {
            usage(eviction.toString());
            eviction = null;
        }
        if (evictedResource != null) {
            if (evictedResource.equals("ephemeral-storage") || evictedResource.equals("nodefs")
                    || evictedResource.equals("imagefs")) {
                out.add(TextFinding.of("evicted-node-disk", evictedQuote, 0.9, "evictres", evictedResource,
                        "usage", usage));
            } else if (evictedResource.equals("memory") && !zeroRequest.isEmpty()) {
                out.add(TextFinding.of("evicted-no-request", evictedQuote, 0.9, "evictres", evictedResource,
                        "containers", String.join(", ", zeroRequest)));
            }
        } else if (evictedRows >= 2 && diskFree) {
            out.add(TextFinding.of("evicted-node-disk", "pods Evicted and the node's disk usage shown", 0.75,
                    "evictres", "disk"));
        }
        if (mountFailure != null && configMapVolume != null) {
            // a volume that cannot be mounted while the pod mounts a ConfigMap: most often that ConfigMap is missing
            out.add(TextFinding.of("configmap-volume-unmounted", mountFailure, 0.85, "configmap", configMapVolume));
        }
        out.addAll(first.values());
    }
}
