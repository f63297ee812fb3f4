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

/** Probes against the container: a port (number or name) it does not declare, a path that is not absolute. */
public final class ProbeCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("probe-port-mismatch", "probe-path-invalid");
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
