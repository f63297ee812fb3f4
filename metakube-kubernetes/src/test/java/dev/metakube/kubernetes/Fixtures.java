package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes objects as a real cluster would hold them, built in code for the mock server. */
final class Fixtures {
    static final String TIME = "2026-03-02T10:15:00Z";
    private static int events;

    private Fixtures() {
    }

    static Node node(String name, boolean ready, Map<String, String> labels, Taint... taints) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put("kubernetes.io/hostname", name);
        l.putIfAbsent("kubernetes.io/arch", "amd64");
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(l).endMetadata()
                .withNewSpec().withTaints(taints).endSpec()
                .withNewStatus()
                .withConditions(new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "Unknown")
                        .withReason(ready ? "KubeletReady" : "NodeStatusUnknown")
                        .withMessage(ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
                        .build(),
                        new NodeConditionBuilder().withType("MemoryPressure").withStatus(ready ? "False" : "Unknown")
                                .withReason(ready ? "KubeletHasSufficientMemory" : "NodeStatusUnknown").build())
                .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("15Gi"),
                        "pods", new Quantity("110")))
                .endStatus().build();
    }

    static Node node(String name) {
        return node(name, true, Map.of());
    }

    static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    static Deployment deployment(String ns, String name, Map<String, String> labels, int replicas, int ready,
                                 PodSpec spec) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withUpdatedReplicas(replicas)
                .withUnavailableReplicas(replicas - ready).endStatus().build();
    }

    static ReplicaSet replicaSet(Deployment d, String hash) {
        Map<String, String> labels = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
        labels.put("pod-template-hash", hash);
        return new ReplicaSetBuilder().withNewMetadata().withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
                .addToAnnotations("deployment.kubernetes.io/revision", "1")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(d.getMetadata().getName()).withUid("uid-" + d.getMetadata().getName())
                        .withController(true).build()).endMetadata()
                .withNewSpec().withReplicas(d.getSpec().getReplicas()).withNewSelector().withMatchLabels(labels)
                .endSelector().withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(d.getSpec().getTemplate().getSpec()).endTemplate().endSpec().build();
    }

    /** A Pod of a ReplicaSet, with the given phase, node and container statuses. */
    static Pod pod(ReplicaSet rs, String suffix, String node, String phase, List<ContainerStatus> statuses) {
        Map<String, String> labels = rs.getSpec().getTemplate().getMetadata().getLabels();
        boolean ready = !statuses.isEmpty() && statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
        PodSpec spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder(rs.getSpec().getTemplate().getSpec())
                .withNodeName(node).build();
        List<io.fabric8.kubernetes.api.model.PodCondition> conditions = new ArrayList<>();
        conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus(node == null ? "False" : "True")
                .withReason(node == null ? "Unschedulable" : null).build());
        if (node != null) {
            conditions.add(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                    .withReason(ready ? null : "ContainersNotReady").build());
        }
        return new PodBuilder().withNewMetadata().withName(rs.getMetadata().getName() + "-" + suffix)
                .withNamespace(rs.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                        .withName(rs.getMetadata().getName()).withUid("uid-" + rs.getMetadata().getName())
                        .withController(true).build()).endMetadata()
                .withSpec(spec)
                .withNewStatus().withPhase(phase).withConditions(conditions).withContainerStatuses(statuses)
                .endStatus().build();
    }

    static ContainerStatus running(String name, int restarts) {
        return new ContainerStatusBuilder().withName(name).withImage("img").withReady(true).withRestartCount(restarts)
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(TIME).endRunning().build())
                .build();
    }

    static ContainerStatus runningNotReady(String name, int restarts) {
        return new ContainerStatusBuilder(running(name, restarts)).withReady(false).build();
    }

    static ContainerStatus waiting(String name, String reason, String message, int restarts) {
        return new ContainerStatusBuilder().withName(name).withImage("img").withReady(false).withRestartCount(restarts)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message)
                        .endWaiting().build()).build();
    }

    /** Waiting in CrashLoopBackOff after a termination with this reason and exit code. */
    static ContainerStatus crashLoop(String name, String lastReason, int exitCode, int restarts) {
        return new ContainerStatusBuilder(waiting(name, "CrashLoopBackOff", "back-off 5m0s restarting failed container="
                + name, restarts)).withLastState(new ContainerStateBuilder().withNewTerminated().withReason(lastReason)
                .withExitCode(exitCode).withStartedAt(TIME).withFinishedAt(TIME).endTerminated().build()).build();
    }

    static Event event(HasMetadata about, String type, String reason, String message) {
        return new EventBuilder().withNewMetadata().withName(about.getMetadata().getName() + "." + (++events))
                .withNamespace(about.getMetadata().getNamespace() == null ? "default"
                        : about.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withKind(about.getKind()).withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(3)
                .withFirstTimestamp(TIME).withLastTimestamp(TIME).build();
    }

    /** The same kind of event through the events.k8s.io API. */
    static io.fabric8.kubernetes.api.model.events.v1.Event modernEvent(HasMetadata about, String type, String reason,
                                                                       String note) {
        return new io.fabric8.kubernetes.api.model.events.v1.EventBuilder().withNewMetadata()
                .withName(about.getMetadata().getName() + ".v" + (++events))
                .withNamespace(about.getMetadata().getNamespace() == null ? "default"
                        : about.getMetadata().getNamespace()).endMetadata()
                .withNewRegarding().withKind(about.getKind()).withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace()).endRegarding()
                .withType(type).withReason(reason).withNote(note).withAction(reason)
                .withReportingController("kube-controller-manager").withReportingInstance("cm-1")
                .withNewEventTime(TIME).build();
    }

    static EndpointSlice slice(String ns, String service, boolean ready) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName(service + "-abc12")
                .withNamespace(ns).addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType("IPv4");
        if (ready) {
            b.addNewEndpoint().withAddresses("10.1.0.7").withNewConditions().withReady(true).endConditions()
                    .endEndpoint();
        }
        return b.build();
    }
}
