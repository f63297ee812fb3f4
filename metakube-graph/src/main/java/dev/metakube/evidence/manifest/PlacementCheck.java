package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where pods can run, against the Nodes the evidence shows: nodeSelector and required node affinity against
 * node labels, tolerations against taints, required pod anti-affinity per host and host ports against the
 * number of nodes left for the replicas. Without Nodes: a nodeSelector with an empty value, or a pin to a host
 * name that nothing shown confirms.
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
            for (Workload w : set.workloads()) {
                unshownNodes(w, out);
            }
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

    /**
     * Without Nodes in the evidence: a nodeSelector with an empty value matches no node for sure (a node's
     * hostname, zone or pool label is never empty); one that pins a host name is the first thing to check, a weak
     * finding.
     */
    private static void unshownNodes(Workload w, List<Finding> out) {
        Map<String, String> selector = w.spec().getNodeSelector();
        List<String> pinned = new ArrayList<>();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (e.getValue() == null || e.getValue().isBlank()) {
                    out.add(Finding.of("node-selector-unsatisfiable", w.ref(), w.title() + " has nodeSelector "
                            + e.getKey() + " with an empty value, which no node's label has", true, "workload",
                            w.ref(), "selector", e.getKey() + "=", "namespace", w.namespace()));
                    return;
                }
                if (e.getKey().equals(HOSTNAME)) {
                    pinned.add(e.getKey() + "=" + e.getValue());
                }
            }
        }
        NodeAffinity affinity = w.spec().getAffinity() == null ? null : w.spec().getAffinity().getNodeAffinity();
        NodeSelector required = affinity == null ? null
                : affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required != null) {
            for (NodeSelectorTerm term : ManifestSet.list(required.getNodeSelectorTerms())) {
                for (NodeSelectorRequirement r : ManifestSet.list(term.getMatchExpressions())) {
                    if (HOSTNAME.equals(r.getKey()) && "In".equals(r.getOperator())) {
                        pinned.add(r.getKey() + " in " + ManifestSet.list(r.getValues()));
                    }
                }
            }
        }
        if (!pinned.isEmpty()) {
            out.add(Finding.of("node-selector-unsatisfiable", w.ref(), w.title() + " may only run on the node named "
                    + "by " + String.join(", ", pinned) + "; no node among the objects shown has that name", false,
                    "workload", w.ref(), "selector", pinned.get(0), "namespace", w.namespace()));
        }
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
