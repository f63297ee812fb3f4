package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Host ports: a node gives each host port (and protocol) to one pod. A DaemonSet that holds a host port, through
 * {@code hostPort} or {@code hostNetwork}, holds it on every node it runs on, so another workload asking for the
 * same host port finds no node with it free.
 */
public final class HostPortCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("host-port-conflict");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload holder : set.workloads()) {
            if (!holder.kind().equals("DaemonSet")) {
                continue;
            }
            for (HostPort held : hostPorts(holder)) {
                for (Workload other : set.workloads()) {
                    if (other == holder) {
                        continue;
                    }
                    for (HostPort asked : hostPorts(other)) {
                        if (asked.port() == held.port() && asked.protocol().equals(held.protocol())) {
                            out.add(Finding.of("host-port-conflict", other.ref(), other.title() + " asks for hostPort "
                                    + asked.port() + " (" + asked.protocol() + "), which " + holder.title()
                                    + " already holds on every node it runs on" + (held.viaHostNetwork()
                                    ? " (hostNetwork)" : ""), true,
                                    "workload", other.ref(), "namespace", other.namespace(),
                                    "hostport", Integer.toString(asked.port()), "daemonset", holder.name(),
                                    "scope", "every node where " + holder.title() + " runs",
                                    "reasons", "didn't have free ports for the requested pod ports"));
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A host port a workload's pods take. */
    private record HostPort(int port, String protocol, boolean viaHostNetwork) {
    }

    private static List<HostPort> hostPorts(Workload w) {
        List<HostPort> out = new ArrayList<>();
        boolean hostNetwork = Boolean.TRUE.equals(w.spec().getHostNetwork());
        for (Container c : w.allContainers()) {
            for (ContainerPort p : ManifestSet.list(c.getPorts())) {
                String protocol = p.getProtocol() == null || p.getProtocol().isBlank() ? "TCP" : p.getProtocol();
                Integer port = p.getHostPort() != null && p.getHostPort() > 0 ? p.getHostPort()
                        : hostNetwork ? p.getContainerPort() : null;
                if (port != null && port > 0) {
                    out.add(new HostPort(port, protocol, hostNetwork && p.getHostPort() == null));
                }
            }
        }
        return out;
    }
}
