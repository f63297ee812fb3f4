package dev.metakube.evidence.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads text evidence as an SRE does: every line of a log, event list, {@code kubectl describe} output or
 * journal is seen once by each line reader (decisive log lines, scheduling events, image pulls, pod and volume
 * state, API denials, node errors, Services without endpoints), and what they found comes back as {@link TextFinding}s with the objects and
 * values involved. The whole text is read, however long, in one streaming pass: time is linear in the input
 * and memory bounded by the longest line kept ({@value #MAX_LINE} characters).
 *
 * <p>Thread-safe: each call reads with fresh readers.
 */
public final class TextEvidenceReader {
    /** Characters of one line that the readers see. */
    public static final int MAX_LINE = 2_000;

    /**
     * Every key a finding may carry: each must be a symptom of the causal graph's vocabulary (the graph checks
     * this when it loads).
     */
    public static final List<String> KEYS = List.of(
            "log-unhandled-exception", "log-fatal-error", "runtime-out-of-memory", "runtime-heap-flag",
            "runtime-heap-over-limit",
            "log-connection-refused", "log-connection-refused-local", "log-service-env-missing",
            "log-connection-timeout", "log-dns-failure", "log-tls-expired", "log-tls-unknown-authority",
            "log-tls-wrong-host", "log-database-error", "log-shell-error", "log-env-missing",
            "log-permission-denied", "exec-format-error",
            "scheduling-selected-nodes-tainted", "scheduling-affine-node-full", "scheduling-host-ports-taken",
            "scheduling-predicates-failed",
            "image-pull-tag-missing", "image-pull-repository-missing", "image-pull-no-platform",
            "image-pull-dockerhub-rate-limit", "registry-rate-limited", "registry-unauthorized",
            "registry-tls-untrusted", "err-image-never-pull", "image-pull-legacy-registry",
            "evicted-node-disk", "evicted-no-request", "probe-http-status", "probe-port-refused",
            "image-runs-as-root", "hpa-pod-missing-request", "pvc-volume-mismatch", "pvc-no-class-no-volume",
            "ingress-ignored-by-class", "mount-helper-missing", "runtime-name-reserved",
            "rbac-default-serviceaccount", "rbac-forbidden-api-group", "rbac-forbidden-parsed",
            "kubelet-client-cert-expired", "certificate-file-expired", "etcd-clock-difference",
            "bridge-netfilter-off", "hostnetwork-dns-policy", "configmap-volume-unmounted", "no-endpoints",
            "service-selector-no-match", "image-pull-secret-missing", "service-target-port-mismatch",
            "scheduling-control-plane-tainted", "ingress-backend-missing", "image-non-numeric-user",
            "program-file-missing", "probe-kills-before-start",
            "volume-node-affinity-conflict", "memory-growth", "app-listens-loopback", "log-disk-full");

    /**
     * Findings that are the specific reading of a generic symptom: where the finding is made, the generic
     * symptom says nothing more and is dropped (a Secret not found that is the pod's image pull secret is a
     * registry credential problem, not a missing application Secret; a taint that only the control-plane nodes
     * carry is not why a pod finds no worker node; a probe refused while the application is still starting is no
     * wrong probe port; nodes that fail the selector are not the fault where the volume's zone holds the others;
     * connections refused by a server that died on a full disk follow from the full disk).
     */
    public static final Map<String, String> REFINES = Map.of("image-pull-secret-missing", "secret-not-found",
            SchedulingEventReader.CONTROL_PLANE_TAINTED, "untolerated-taint",
            "probe-kills-before-start", "probe-port-refused",
            SchedulingEventReader.VOLUME_BEYOND_SELECTOR, "node-affinity-mismatch",
            "app-listens-loopback", "probe-port-refused",
            "log-disk-full", "log-connection-refused");

    private static List<LineReader> readers() {
        return List.of(new DecisiveLineReader(), new SchedulingEventReader(), new ImagePullReader(),
                new PodStatusReader(), new ApiErrorReader(), new NodeErrorReader(), new ServiceEndpointsReader(),
                new PullSecretReader(), new StartupBudgetReader());
    }

    /** The findings of one text, at most one per key (the first, or the strongest when two readers agree). */
    public List<TextFinding> read(CharSequence text) {
        Scan scan = new Scan();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n') {
                end++;
            }
            scan.line(text.subSequence(start, Math.min(end, start + MAX_LINE)).toString());
            start = end + 1;
        }
        return scan.finish();
    }

    /** The findings of a text read from a stream (a log file), line by line; the reader is not closed. */
    public List<TextFinding> read(Reader in) {
        Scan scan = new Scan();
        try {
            BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = lines.read()) >= 0) {
                if (c == '\n') {
                    scan.line(line.toString());
                    line.setLength(0);
                } else if (line.length() < MAX_LINE) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                scan.line(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the evidence stream failed", e);
        }
        return scan.finish();
    }

    /** One pass over one text. */
    private static final class Scan {
        private final List<LineReader> readers = readers();
        private boolean hostNetwork;

        void line(String raw) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String lower = line.toLowerCase(Locale.ROOT);
            if (!hostNetwork && lower.contains("hostnetwork")
                    && (lower.contains("true") || lower.contains("hostnetwork: yes"))) {
                hostNetwork = true;
            }
            for (LineReader r : readers) {
                r.line(line, lower);
            }
        }

        List<TextFinding> finish() {
            List<TextFinding> all = new ArrayList<>();
            for (LineReader r : readers) {
                r.finish(all);
            }
            Map<String, TextFinding> byKey = new LinkedHashMap<>();
            for (TextFinding f : all) {
                byKey.merge(f.key(), f, (a, b) -> b.strength() > a.strength() ? b : a);
            }
            TextFinding dns = byKey.get("log-dns-failure");
            if (hostNetwork && dns != null) {
                byKey.put("hostnetwork-dns-policy", new TextFinding("hostnetwork-dns-policy", dns.values(),
                        dns.quote(), 0.95));
            }
            return List.copyOf(byKey.values());
        }
    }
}
