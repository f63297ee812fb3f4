package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where pods can run, against the Nodes the evidence shows: nodeSelector and required node affinity against
 * node labels, tolerations against taints, required pod anti-affinity per host and host ports against the
 * number of nodes left for the replicas.
 */
public final class PlacementCheck implements ManifestCheck {
    private static final String HOSTNAME = "kubernetes.io/hostname";

    @Override
    public Set<String> keys() {
        return Set.of("node-selector-unsatisfiable", "taint-not-tolerated", "anti-affinity-exceeds-nodes",
                "host-port-exceeds-nodes");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<Node> nodes = set.ofKind(Node.class);
        if (nodes.isEmpty()) {
            return out;
        }
        for (Workload w : set.workloads()) {
            List<Node> fitting = new ArrayList<>();
            for (Node n : nodes) {
                if (Selectors.nodeFits(w.spec(), ManifestSet.labels(n))) {
                    fitting.add(n);
                }
            }
            if (fitting.isEmpty()) {
                String wanted = w.spec().getNodeSelector() != null && !w.spec().getNodeSelector().isEmpty()
                        ? Selectors.pairs(w.spec().getNodeSelector()) : "its required node affinity";
                out.add(Finding.of("node-selector-unsatisfiable", w.ref(), w.title() + " requires nodes labelled "
                        + wanted + " but none of the " + nodes.size() + " nodes has them (" + ManifestSet.name(
                        nodes.get(0)) + " is labelled " + Selectors.pairs(ManifestSet.labels(nodes.get(0))) + ")",
                        true, "workload", w.ref(), "selector", wanted, "node", ManifestSet.name(nodes.get(0)),
                        "namespace", w.namespace()));
                continue;
            }
            List<Node> usable = new ArrayList<>();
            String blocking = null;
            String blockingNode = null;
            for (Node n : fitting) {
                String untolerated = null;
                boolean cordoned = n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
                for (Taint t : n.getSpec() == null ? List.<Taint>of() : ManifestSet.list(n.getSpec().getTaints())) {
                    if (("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                            && !Selectors.tolerated(t, w.spec().getTolerations())) {
                        untolerated = t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":"
                                + t.getEffect();
                    }
                }
                if (untolerated == null && !cordoned) {
                    usable.add(n);
                } else if (untolerated != null) {
                    blocking = untolerated;
                    blockingNode = ManifestSet.name(n);
                }
            }
            if (usable.isEmpty() && blocking != null) {
                out.add(Finding.of("taint-not-tolerated", w.ref(), w.title() + " tolerates no taint of the nodes it"
                        + " may run on: node " + blockingNode + " has taint " + blocking, true, "workload", w.ref(),
                        "taint", blocking, "node", blockingNode, "namespace", w.namespace()));
                continue;
            }
            if (usable.isEmpty() || w.kind().equals("DaemonSet")) {
                continue;
            }
            if (w.replicas() > usable.size() && antiAffinityPerHost(w)) {
                out.add(Finding.of("anti-affinity-exceeds-nodes", w.ref(), w.title() + " wants " + w.replicas()
                        + " replicas with required pod anti-affinity per " + HOSTNAME + " but only " + usable.size()
                        + " nodes can take them, so " + (w.replicas() - usable.size()) + " stay Pending", true,
                        "workload", w.ref(), "replicas", String.valueOf(w.replicas()),
                        "nodes", String.valueOf(usable.size()), "namespace", w.namespace()));
            }
            Integer hostPort = hostPort(w);
            if (w.replicas() > usable.size() && (hostPort != null || Boolean.TRUE.equals(w.spec().getHostNetwork()))) {
                String what = hostPort != null ? "hostPort " + hostPort : "hostNetwork";
                out.add(Finding.of("host-port-exceeds-nodes", w.ref(), w.title() + " wants " + w.replicas()
                        + " replicas using " + what + " but only " + usable.size() + " nodes can take them (one pod"
                        + " per node and port)", true, "workload", w.ref(), "replicas", String.valueOf(w.replicas()),
                        "nodes", String.valueOf(usable.size()), "port", hostPort == null ? null
                                : String.valueOf(hostPort), "namespace", w.namespace()));
            }
        }
        return out;
    }

    private static boolean antiAffinityPerHost(Workload w) {
        if (w.spec().getAffinity() == null || w.spec().getAffinity().getPodAntiAffinity() == null) {
            return false;
        }
        for (PodAffinityTerm t : ManifestSet.list(w.spec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution())) {
            if (HOSTNAME.equals(t.getTopologyKey()) && Selectors.matches(t.getLabelSelector(), w.labels())) {
                return true;
            }
        }
        return false;
    }

    private static Integer hostPort(Workload w) {
        for (Container c : w.containers()) {
            for (ContainerPort p : ManifestSet.list(c.getPorts())) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    return p.getHostPort();
                }
            }
        }
        return null;
    }
}
