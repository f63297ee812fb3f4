package dev.metakube.kubernetes;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a collection into an incident whose evidence reads like what a person would paste. */
final class IncidentRender {
    private IncidentRender() {
    }

    static Incident incident(Collection c, KubernetesSerialization serialization) {
        ObjectRef t = c.target();
        List<Evidence> evidence = new ArrayList<>();
        for (Pod p : c.detailed) {
            evidence.add(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod " + p.getMetadata().getName()
                    + " -n " + p.getMetadata().getNamespace(), describe(p)));
        }
        if (c.workload != null) {
            evidence.add(new Evidence(EvidenceKind.STATUS, "kubectl get " + c.workload.getKind().toLowerCase(Locale.ROOT)
                    + " " + c.workload.getMetadata().getName() + " -n " + c.workload.getMetadata().getNamespace(),
                    workload(c.workload)));
        }
        java.util.Set<String> labelKeys = Manifests.nodeLabelKeys(c.pods);
        for (Node n : c.nodes) {
            evidence.add(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe node " + n.getMetadata().getName(),
                    describe(n, labelKeys)));
        }
        if (!c.events.isEmpty()) {
            evidence.add(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n " + (t.namespace().isEmpty()
                    ? "default" : t.namespace()), EventLines.render(c.events)));
        }
        for (Collection.ContainerLog l : c.logs) {
            if (!l.text().isBlank()) {
                evidence.add(new Evidence(EvidenceKind.LOGS, "kubectl logs " + l.pod() + " -c " + l.container()
                        + (l.previous() ? " --previous" : "") + (t.namespace().isEmpty() ? "" : " -n " + t.namespace()),
                        l.text()));
            }
        }
        if (!c.objects.isEmpty()) {
            evidence.add(new Evidence(EvidenceKind.MANIFEST, "kubectl get -o yaml (" + c.objects.size()
                    + " objects related to " + t.path() + ")", Manifests.yaml(serialization, c.objects.values(), labelKeys)));
        }
        List<String> status = new ArrayList<>(c.facts);
        for (String n : c.notes()) {
            if (!status.contains(n)) {
                status.add(n);
            }
        }
        if (!status.isEmpty()) {
            evidence.add(new Evidence(EvidenceKind.STATUS, "metakube collection", String.join("\n", status)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        HasMetadata subject = c.workload != null ? c.workload : c.pods.isEmpty() ? null : c.pods.get(0);
        if (subject != null && subject.getMetadata().getLabels() != null) {
            labels.putAll(subject.getMetadata().getLabels());
        }
        String kind = c.workload != null && !t.kind().equals("Service") && !t.kind().equals("PersistentVolumeClaim")
                ? c.workload.getKind() : t.kind();
        String name = c.workload != null && !t.kind().equals("Service") && !t.kind().equals("PersistentVolumeClaim")
                ? c.workload.getMetadata().getName() : t.name();
        if (evidence.isEmpty()) {
            evidence.add(Evidence.text(t.path() + ": nothing could be read"));
        }
        Incident.Builder b = Incident.builder()
                .id((t.namespace().isEmpty() ? "" : t.namespace() + "/") + t.path())
                .symptoms(symptoms(c))
                .context(new ClusterContext(t.namespace(), kind, name, c.kubernetesVersion, labels))
                .observedAt(Instant.now());
        evidence.forEach(b::evidence);
        return b.build();
    }

    /** One or two sentences: what is wrong with the target, as the on-call person would say it. */
    static String symptoms(Collection c) {
        ObjectRef t = c.target();
        StringBuilder b = new StringBuilder(t.kind()).append(' ').append(t.name());
        if (!t.namespace().isEmpty()) {
            b.append(" in namespace ").append(t.namespace());
        }
        List<String> problems = new ArrayList<>();
        if (c.workload != null && !t.kind().equals("Pod")) {
            String w = replicas(c.workload);
            if (!w.isEmpty()) {
                problems.add(w);
            }
        }
        for (Pod p : c.detailed) {
            String problem = Health.problem(p);
            if (problem != null) {
                problems.add((t.kind().equals("Pod") ? "" : "pod " + p.getMetadata().getName() + " ") + problem);
            }
        }
        for (Node n : c.nodes) {
            String ready = ready(n);
            if (!ready.equals("True") && (t.kind().equals("Node") || c.detailed.stream().anyMatch(p ->
                    n.getMetadata().getName().equals(p.getSpec().getNodeName())))) {
                problems.add("node " + n.getMetadata().getName() + " is NotReady");
            }
        }
        if (t.kind().equals("Service") && c.facts.stream().anyMatch(f -> f.contains("no ready endpoints"))) {
            problems.add("has no ready endpoints");
        }
        if (problems.isEmpty()) {
            problems.addAll(c.facts.stream().limit(2).toList());
        }
        b.append(problems.isEmpty() ? ": collected from the cluster; no failing state seen" : ": "
                + String.join("; ", problems.subList(0, Math.min(4, problems.size()))));
        return b.toString();
    }

    private static String replicas(HasMetadata w) {
        if (w instanceof Deployment d && d.getStatus() != null) {
            int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int ready = d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
            return ready < want ? ready + "/" + want + " replicas ready" : "";
        }
        if (w instanceof StatefulSet s && s.getStatus() != null) {
            int want = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            int ready = s.getStatus().getReadyReplicas() == null ? 0 : s.getStatus().getReadyReplicas();
            return ready < want ? ready + "/" + want + " replicas ready" : "";
        }
        if (w instanceof Job j && j.getStatus() != null && j.getStatus().getFailed() != null
                && j.getStatus().getFailed() > 0) {
            return j.getStatus().getFailed() + " failed pods";
        }
        return "";
    }

    static String describe(Pod p) {
        StringBuilder b = new StringBuilder();
        line(b, 0, "Name", p.getMetadata().getName());
        line(b, 0, "Namespace", p.getMetadata().getNamespace());
        line(b, 0, "Node", p.getSpec().getNodeName() == null ? "<none>" : p.getSpec().getNodeName());
        line(b, 0, "Labels", labels(p.getMetadata().getLabels()));
        var st = p.getStatus();
        line(b, 0, "Status", st == null ? "Unknown" : st.getPhase());
        if (st != null && st.getReason() != null) {
            line(b, 0, "Reason", st.getReason());
        }
        if (st != null && st.getMessage() != null) {
            line(b, 0, "Message", st.getMessage());
        }
        if (p.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference o : p.getMetadata().getOwnerReferences()) {
                line(b, 0, "Controlled By", o.getKind() + "/" + o.getName());
            }
        }
        if (p.getSpec().getServiceAccountName() != null) {
            line(b, 0, "Service Account", p.getSpec().getServiceAccountName());
        }
        Map<String, ContainerStatus> byName = new LinkedHashMap<>();
        for (ContainerStatus cs : Health.statuses(p)) {
            byName.put(cs.getName(), cs);
        }
        if (p.getSpec().getInitContainers() != null && !p.getSpec().getInitContainers().isEmpty()) {
            b.append("Init Containers:\n");
            for (Container c : p.getSpec().getInitContainers()) {
                container(b, c, byName.get(c.getName()));
            }
        }
        b.append("Containers:\n");
        for (Container c : p.getSpec().getContainers()) {
            container(b, c, byName.get(c.getName()));
        }
        if (st != null && st.getConditions() != null && !st.getConditions().isEmpty()) {
            b.append("Conditions:\n  Type              Status  Reason\n");
            for (PodCondition c : st.getConditions()) {
                b.append(String.format(Locale.ROOT, "  %-17s %-7s %s%n", c.getType(), c.getStatus(),
                        c.getReason() == null ? "" : c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())));
            }
        }
        if (p.getSpec().getNodeSelector() != null && !p.getSpec().getNodeSelector().isEmpty()) {
            line(b, 0, "Node-Selectors", labels(p.getSpec().getNodeSelector()));
        }
        if (p.getSpec().getTolerations() != null && !p.getSpec().getTolerations().isEmpty()) {
            List<String> tol = new ArrayList<>();
            p.getSpec().getTolerations().forEach(t -> tol.add((t.getKey() == null ? "" : t.getKey())
                    + (t.getValue() == null ? "" : "=" + t.getValue()) + (t.getEffect() == null ? "" : ":" + t.getEffect())));
            line(b, 0, "Tolerations", String.join(", ", tol));
        }
        return b.toString();
    }

    private static void container(StringBuilder b, Container c, ContainerStatus cs) {
        b.append("  ").append(c.getName()).append(":\n");
        line(b, 4, "Image", c.getImage());
        if (c.getPorts() != null && !c.getPorts().isEmpty()) {
            List<String> ports = new ArrayList<>();
            c.getPorts().forEach(p -> ports.add(p.getContainerPort() + "/" + (p.getProtocol() == null ? "TCP"
                    : p.getProtocol())));
            line(b, 4, "Port", String.join(", ", ports));
        }
        if (cs != null) {
            state(b, "State", cs.getState());
            if (cs.getLastState() != null && (cs.getLastState().getTerminated() != null
                    || cs.getLastState().getWaiting() != null || cs.getLastState().getRunning() != null)) {
                state(b, "Last State", cs.getLastState());
            }
            line(b, 4, "Ready", String.valueOf(Boolean.TRUE.equals(cs.getReady())).replace("t", "T").replace("f", "F"));
            line(b, 4, "Restart Count", String.valueOf(cs.getRestartCount() == null ? 0 : cs.getRestartCount()));
        }
        if (c.getResources() != null) {
            quantities(b, "Limits", c.getResources().getLimits());
            quantities(b, "Requests", c.getResources().getRequests());
        }
        if (c.getLivenessProbe() != null) {
            line(b, 4, "Liveness", probe(c.getLivenessProbe()));
        }
        if (c.getReadinessProbe() != null) {
            line(b, 4, "Readiness", probe(c.getReadinessProbe()));
        }
    }

    private static String probe(io.fabric8.kubernetes.api.model.Probe p) {
        String what = p.getHttpGet() != null ? "http-get :" + p.getHttpGet().getPort().getValue()
                + (p.getHttpGet().getPath() == null ? "" : p.getHttpGet().getPath())
                : p.getTcpSocket() != null ? "tcp-socket :" + p.getTcpSocket().getPort().getValue()
                : p.getExec() != null ? "exec " + p.getExec().getCommand() : "other";
        return what + " delay=" + nz(p.getInitialDelaySeconds()) + "s timeout=" + nz(p.getTimeoutSeconds())
                + "s period=" + nz(p.getPeriodSeconds()) + "s #failure=" + nz(p.getFailureThreshold());
    }

    private static String nz(Integer i) {
        return i == null ? "-" : String.valueOf(i);
    }

    private static void state(StringBuilder b, String label, ContainerState s) {
        if (s == null) {
            return;
        }
        if (s.getWaiting() != null) {
            line(b, 4, label, "Waiting");
            line(b, 6, "Reason", s.getWaiting().getReason());
            if (s.getWaiting().getMessage() != null) {
                line(b, 6, "Message", s.getWaiting().getMessage());
            }
        } else if (s.getTerminated() != null) {
            line(b, 4, label, "Terminated");
            line(b, 6, "Reason", s.getTerminated().getReason());
            if (s.getTerminated().getMessage() != null) {
                line(b, 6, "Message", s.getTerminated().getMessage());
            }
            line(b, 6, "Exit Code", String.valueOf(s.getTerminated().getExitCode()));
            if (s.getTerminated().getFinishedAt() != null) {
                line(b, 6, "Finished", s.getTerminated().getFinishedAt());
            }
        } else if (s.getRunning() != null) {
            line(b, 4, label, "Running");
            if (s.getRunning().getStartedAt() != null) {
                line(b, 6, "Started", s.getRunning().getStartedAt());
            }
        }
    }

    private static void quantities(StringBuilder b, String label, Map<String, Quantity> q) {
        if (q == null || q.isEmpty()) {
            return;
        }
        b.append("    ").append(label).append(":\n");
        q.forEach((k, v) -> b.append("      ").append(k).append(":  ").append(v.toString()).append('\n'));
    }

    static String describe(Node n, java.util.Set<String> labelKeys) {
        StringBuilder b = new StringBuilder();
        line(b, 0, "Name", n.getMetadata().getName());
        line(b, 0, "Labels", labels(Manifests.only(n.getMetadata().getLabels(), labelKeys)));
        List<String> taints = new ArrayList<>();
        if (n.getSpec() != null && n.getSpec().getTaints() != null) {
            for (Taint t : n.getSpec().getTaints()) {
                taints.add(t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect());
            }
        }
        line(b, 0, "Taints", taints.isEmpty() ? "<none>" : String.join(", ", taints));
        if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
            line(b, 0, "Unschedulable", "true");
        }
        if (n.getStatus() != null && n.getStatus().getConditions() != null) {
            b.append("Conditions:\n  Type              Status  Reason                       Message\n");
            for (NodeCondition c : n.getStatus().getConditions()) {
                if (!Manifests.telling(c)) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "  %-17s %-7s %-28s %s%n", c.getType(), c.getStatus(),
                        c.getReason() == null ? "" : c.getReason(), c.getMessage() == null ? "" : c.getMessage()));
            }
        }
        if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
            b.append("Allocatable:\n");
            n.getStatus().getAllocatable().forEach((k, v) -> b.append("  ").append(k).append(":  ")
                    .append(v.toString()).append('\n'));
        }
        return b.toString();
    }

    static String ready(Node n) {
        if (n.getStatus() == null || n.getStatus().getConditions() == null) {
            return "Unknown";
        }
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                .map(NodeCondition::getStatus).findFirst().orElse("Unknown");
    }

    private static String workload(HasMetadata w) {
        StringBuilder b = new StringBuilder();
        line(b, 0, "Name", w.getKind().toLowerCase(Locale.ROOT) + "/" + w.getMetadata().getName());
        String r = replicas(w);
        if (w instanceof Deployment d && d.getStatus() != null) {
            line(b, 0, "Replicas", (d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()) + " desired | "
                    + nz(d.getStatus().getUpdatedReplicas()) + " updated | " + nz(d.getStatus().getReadyReplicas())
                    + " ready | " + nz(d.getStatus().getUnavailableReplicas()) + " unavailable");
            if (d.getStatus().getConditions() != null) {
                b.append("Conditions:\n");
                d.getStatus().getConditions().forEach(c -> b.append(String.format(Locale.ROOT, "  %-15s %-6s %s: %s%n",
                        c.getType(), c.getStatus(), c.getReason(), c.getMessage() == null ? "" : c.getMessage())));
            }
        } else if (!r.isEmpty()) {
            line(b, 0, "Replicas", r);
        }
        if (w instanceof Job j && j.getStatus() != null && j.getStatus().getConditions() != null) {
            b.append("Conditions:\n");
            j.getStatus().getConditions().forEach(c -> b.append(String.format(Locale.ROOT, "  %-15s %-6s %s: %s%n",
                    c.getType(), c.getStatus(), c.getReason(), c.getMessage() == null ? "" : c.getMessage())));
        }
        return b.toString();
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        List<String> l = new ArrayList<>();
        labels.forEach((k, v) -> l.add(k + "=" + v));
        return String.join(",", l);
    }

    private static void line(StringBuilder b, int indent, String label, String value) {
        String l = label + ":";
        b.append(" ".repeat(indent)).append(l).append(" ".repeat(Math.max(1, 22 - indent - l.length())))
                .append(value == null ? "" : value).append('\n');
    }
}
