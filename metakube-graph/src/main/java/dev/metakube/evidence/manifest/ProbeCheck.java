package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probes against the container: a port (number or name) it does not declare, a path that is not absolute, a
 * path the unchanged official web server image does not serve (it answers 404), a
 * network probe on a container whose command only sleeps or prints (nothing in it listens, so the probe can never
 * succeed).
 */
public final class ProbeCheck implements ManifestCheck {
    /** A shell command that idles: a sleep, a {@code tail -f}, or an endless loop. */
    private static final Pattern IDLES = Pattern.compile("(?i)\\bsleep\\b|\\btail -f\\b|\\bwhile (?:true|:)\\b");
    /** Words of a command that starts something which may listen: then the probe is not judged. */
    private static final Pattern SERVES = Pattern.compile(
            "(?i)serve|server|httpd|nginx|listen|socat|\\bnc\\b|netcat|\\bhttp\\b|uvicorn|gunicorn|flask|node |java |exec ");

    /** Paths the official web server images answer with 200 out of the box. */
    private static final Set<String> STOCK_PATHS = Set.of("/", "/index.html");
    /** Official web server images whose default content is a single index page. */
    private static final Pattern STOCK_IMAGE = Pattern.compile(
            "(?:docker\\.io/)?(?:library/)?(nginx|httpd)(?::[\\w.-]{1,128})?(?:@sha256:[a-f0-9]{64})?");

    /**
     * The official web server the container runs unchanged (its image's own command, nothing mounted over its
     * content or configuration), or null.
     */
    static String stockServer(Container c) {
        if (c.getImage() == null || !ManifestSet.list(c.getCommand()).isEmpty()
                || !ManifestSet.list(c.getArgs()).isEmpty() || !ManifestSet.list(c.getVolumeMounts()).isEmpty()) {
            return null;
        }
        Matcher m = STOCK_IMAGE.matcher(c.getImage().strip());
        return m.matches() ? m.group(1) : null;
    }

    @Override
    public Set<String> keys() {
        return Set.of("probe-port-mismatch", "probe-path-invalid", "probe-no-listener");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            for (Container c : w.containers()) {
                Set<Integer> ports = new LinkedHashSet<>();
                Set<String> names = new LinkedHashSet<>();
                for (ContainerPort p : ManifestSet.list(c.getPorts())) {
                    if (p.getContainerPort() != null) {
                        ports.add(p.getContainerPort());
                    }
                    if (p.getName() != null) {
                        names.add(p.getName());
                    }
                }
                Map<String, Probe> probes = new java.util.LinkedHashMap<>();
                probes.put("livenessProbe", c.getLivenessProbe());
                probes.put("readinessProbe", c.getReadinessProbe());
                probes.put("startupProbe", c.getStartupProbe());
                for (Map.Entry<String, Probe> e : probes.entrySet()) {
                    Probe pr = e.getValue();
                    if (pr == null) {
                        continue;
                    }
                    IntOrString port = pr.getHttpGet() != null ? pr.getHttpGet().getPort()
                            : pr.getTcpSocket() != null ? pr.getTcpSocket().getPort()
                            : pr.getGrpc() != null && pr.getGrpc().getPort() != null
                            ? new IntOrString(pr.getGrpc().getPort()) : null;
                    String command = String.join(" ", ManifestSet.list(c.getCommand())) + " "
                            + String.join(" ", ManifestSet.list(c.getArgs()));
                    if (port != null && IDLES.matcher(command).find() && !SERVES.matcher(command).find()) {
                        String p = port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
                        String shown = command.strip();
                        shown = shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
                        out.add(Finding.of("probe-no-listener", w.ref(), "the " + e.getKey() + " of container "
                                + c.getName() + " in " + w.title() + " checks port " + p + ", but nothing listens"
                                + " on port " + p + ": the container only runs '" + shown + "'", true,
                                "container", c.getName(), "probe", e.getKey(), "port", p, "workload", w.ref(),
                                "namespace", w.namespace()));
                        continue;
                    }
                    if (port != null) {
                        boolean bad = port.getIntVal() != null ? !ports.isEmpty() && !ports.contains(port.getIntVal())
                                : port.getStrVal() != null && !names.contains(port.getStrVal());
                        if (bad) {
                            String p = port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
                            out.add(Finding.of("probe-port-mismatch", w.ref(), "the " + e.getKey() + " of container "
                                    + c.getName() + " in " + w.title() + " checks port " + p
                                    + " but the container listens on " + (ports.isEmpty() ? "no declared port"
                                    : ports + (names.isEmpty() ? "" : " " + names)), true, "container", c.getName(),
                                    "probe", e.getKey(), "port", p, "containerport", ports.isEmpty() ? null
                                            : String.valueOf(ports.iterator().next()), "workload", w.ref(),
                                    "namespace", w.namespace()));
                        }
                    }
                    String path = pr.getHttpGet() == null ? null : pr.getHttpGet().getPath();
                    String server = stockServer(c);
                    if (path != null && path.startsWith("/") && server != null && (port == null
                            || Integer.valueOf(80).equals(port.getIntVal())) && !STOCK_PATHS.contains(
                            path.replaceAll("[?#].*", ""))) {
                        out.add(Finding.of("probe-path-invalid", w.ref(), "the " + e.getKey() + " of container "
                                + c.getName() + " in " + w.title() + " requests path " + path + ", which the stock "
                                + server + " image does not serve: it answers 404 for every path but / and"
                                + " /index.html, so the probe always fails", true, "container", c.getName(),
                                "probe", e.getKey(), "path", path, "image", c.getImage(), "workload", w.ref(),
                                "namespace", w.namespace()));
                        continue;
                    }
                    if (path != null && !path.isEmpty() && !path.startsWith("/")) {
                        out.add(Finding.of("probe-path-invalid", w.ref(), "the " + e.getKey() + " of container "
                                + c.getName() + " in " + w.title() + " requests path '" + path
                                + "', which is not an absolute path", true, "container", c.getName(),
                                "probe", e.getKey(), "path", path, "workload", w.ref(), "namespace", w.namespace()));
                    }
                }
            }
        }
        return out;
    }
}
