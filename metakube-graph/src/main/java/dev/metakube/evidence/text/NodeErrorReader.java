package dev.metakube.evidence.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads node and control-plane failures from kubelet, journal, etcd and shell output: certificate files that
 * expired (the kubelet's client certificate in its kubeconfig, a serving certificate shown by
 * {@code openssl x509 -enddate}), etcd peers whose clocks differ, bridge netfilter switched off, and the
 * kubelet's configuration errors (swap, cgroup driver).
 */
final class NodeErrorReader implements LineReader {
    private static final Pattern CERT_IN_FILE_EXPIRED = Pattern.compile(
            "certificate in (/[^\\s:\"]{1,300}) is expired: ([^\\n\"]{1,60})");
    private static final Pattern OPENSSL_IN = Pattern.compile("openssl x509[^\\n]{0,200}?-in (/?[^\\s]{1,300})");
    private static final Pattern NOT_AFTER = Pattern.compile("notAfter=([^\\n]{1,60})");
    private static final Pattern CLOCK = Pattern.compile("clock difference against peer ([0-9a-f]{1,40}) is too high \\[([^\\]]{1,60})\\]");
    private static final Pattern BRIDGE = Pattern.compile("(net\\.bridge\\.bridge-nf-call-ip6?tables)[ \\t]{0,3}=[ \\t]{0,3}0\\b");

    private final Map<String, TextFinding> first = new LinkedHashMap<>();
    private String opensslFile;

    @Override
    public void line(String line, String lower) {
        if (lower.contains("is expired") && lower.contains("certificate in")) {
            Matcher m = CERT_IN_FILE_EXPIRED.matcher(line);
            if (m.find()) {
                String file = m.group(1);
                boolean client = lower.contains("client certificate") || file.endsWith(".conf");
                keep(TextFinding.of(client ? "kubelet-client-cert-expired" : "certificate-file-expired", line, 0.95,
                        "certfile", file, "date", m.group(2).strip()));
            }
        }
        if (lower.contains("openssl x509")) {
            Matcher m = OPENSSL_IN.matcher(line);
            if (m.find()) {
                opensslFile = m.group(1);
            }
        }
        if (opensslFile != null && line.contains("notAfter=")) {
            Matcher m = NOT_AFTER.matcher(line);
            if (m.find()) {
                String name = opensslFile.toLowerCase(java.util.Locale.ROOT);
                boolean kubeletServing = name.contains("kubelet") && !name.contains("client");
                keep(TextFinding.of("certificate-file-expired", line, 0.85, "certfile", opensslFile,
                        "date", m.group(1).strip(), "certrole", kubeletServing ? "kubelet serving certificate"
                                : "certificate"));
            }
        }
        if (lower.contains("clock difference")) {
            Matcher m = CLOCK.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("etcd-clock-difference", line, 0.95, "peer", m.group(1),
                        "skew", m.group(2)));
            }
        }
        if (lower.contains("bridge-nf-call-ip")) {
            Matcher m = BRIDGE.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("bridge-netfilter-off", line, 0.95, "sysctl", m.group(1)));
            }
        }
    }

    private void keep(TextFinding f) {
        first.putIfAbsent(f.key(), f);
    }

    @Override
    public void finish(List<TextFinding> out) {
        out.addAll(first.values());
    }
}
