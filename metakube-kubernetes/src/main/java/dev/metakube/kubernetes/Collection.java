package dev.metakube.kubernetes;

import dev.metakube.api.InvalidInputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One collection: reads the target, follows its owners up and its Pods down, then reads what those Pods depend on,
 * independent requests in parallel. What it gathered is handed to {@link IncidentRender}.
 */
final class Collection {
    private final KubernetesClient client;
    private final CollectionLimits limits;
    private final Requests requests;
    private final String server;
    private final ObjectRef target;
    private final String ns;

    /** Everything read, by {@code Kind/namespace/name}, in reading order (rendered as manifests). */
    final Map<String, HasMetadata> objects = new LinkedHashMap<>();
    /** Every Pod of the target, and those examined in detail. */
    final List<Pod> pods = new ArrayList<>();
    final List<Pod> detailed = new ArrayList<>();
    HasMetadata workload;
    final List<Node> nodes = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    final List<ContainerLog> logs = new ArrayList<>();
    /** Facts found while collecting (a referenced object that does not exist), for the status evidence. */
    final Set<String> facts = new LinkedHashSet<>();
    String kubernetesVersion = "";

    /** A container's log as read. */
    record ContainerLog(String pod, String container, boolean previous, String text, boolean cut) {
    }

    Collection(KubernetesClient client, ObjectRef target, CollectionLimits limits, Requests requests) {
        this.client = client;
        this.target = target;
        this.limits = limits;
        this.requests = requests;
        this.server = String.valueOf(client.getMasterUrl());
        this.ns = target.namespace();
    }

    ObjectRef target() {
        return target;
    }

    List<String> notes() {
        return requests.notes();
    }

    void run() {
        HasMetadata root = requests.require(target.path() + (ns.isEmpty() ? "" : " in namespace " + ns), server,
                this::readTarget);
        if (root == null) {
            throw new InvalidInputException(target.kind().toLowerCase(java.util.Locale.ROOT),
                    target.kind() + " " + target.name() + " not found" + (ns.isEmpty() ? "" : " in namespace " + ns)
                    + "; check the name and the namespace (-n)");
        }
        Requests.Pending<VersionInfo> version = requests.start("the server version", client::getKubernetesVersion);
        // namespace-wide reads do not depend on the target's details: start them all now
        Requests.Pending<List<io.fabric8.kubernetes.api.model.Event>> coreEvents = list("events",
                () -> client.v1().events().inNamespace(nsOrAll()).list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.events.v1.Event>> newEvents = list("events.k8s.io events",
                () -> client.events().v1().events().inNamespace(nsOrAll()).list().getItems());
        Requests.Pending<List<Service>> services = ns.isEmpty() ? null
                : list("Services", () -> client.services().inNamespace(ns).list().getItems());
        Requests.Pending<List<EndpointSlice>> slices = ns.isEmpty() ? null
                : list("EndpointSlices", () -> client.discovery().v1().endpointSlices().inNamespace(ns).list().getItems());
        Requests.Pending<List<Ingress>> ingresses = ns.isEmpty() ? null
                : list("Ingresses", () -> client.network().v1().ingresses().inNamespace(ns).list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.networking.v1.IngressClass>> ingressClasses =
                list("IngressClasses", () -> client.network().v1().ingressClasses().list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy>> policies = ns.isEmpty()
                ? null : list("NetworkPolicies",
                        () -> client.network().v1().networkPolicies().inNamespace(ns).list().getItems());
        Requests.Pending<List<RoleBinding>> roleBindings = ns.isEmpty() ? null
                : list("RoleBindings", () -> client.rbac().roleBindings().inNamespace(ns).list().getItems());
        Requests.Pending<List<ClusterRoleBinding>> clusterRoleBindings = list("ClusterRoleBindings",
                () -> client.rbac().clusterRoleBindings().list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.ResourceQuota>> quotas = ns.isEmpty() ? null
                : list("ResourceQuotas", () -> client.resourceQuotas().inNamespace(ns).list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.LimitRange>> limitRanges = ns.isEmpty() ? null
                : list("LimitRanges", () -> client.limitRanges().inNamespace(ns).list().getItems());
        Requests.Pending<List<HorizontalPodAutoscaler>> hpas = ns.isEmpty() ? null
                : list("HorizontalPodAutoscalers",
                        () -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
        Requests.Pending<List<io.fabric8.kubernetes.api.model.storage.StorageClass>> storageClasses =
                list("StorageClasses", () -> client.storage().v1().storageClasses().list().getItems());

        resolve(root);
        PodSpec spec = podSpec();
        chooseDetailed();

        // per-Pod and per-reference reads
        List<Requests.Pending<Node>> nodeReads = new ArrayList<>();
        Set<String> nodeNames = new LinkedHashSet<>();
        if (root instanceof Node n) {
            nodeNames.add(n.getMetadata().getName());
            nodes.add(n);
        }
        for (Pod p : detailed) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            if (node != null && !node.isBlank() && nodeNames.add(node)) {
                nodeReads.add(requests.start("Nodes", () -> client.nodes().withName(node).get()));
            }
        }
        boolean pending = detailed.stream().anyMatch(Collection::unscheduled) || (pods.isEmpty() && spec != null);
        Requests.Pending<List<Node>> candidates = pending
                ? list("Nodes", () -> client.nodes().list().getItems()) : null;
        List<Requests.Pending<ContainerLog>> logReads = startLogs();
        References refs = references(spec);
        List<Requests.Pending<HasMetadata>> refReads = new ArrayList<>();
        for (String cm : refs.configMaps) {
            refReads.add(reference("ConfigMaps", "ConfigMap", cm,
                    () -> client.configMaps().inNamespace(ns).withName(cm).get()));
        }
        for (String s : refs.secrets) {
            refReads.add(reference("Secrets", "Secret", s,
                    () -> Manifests.keysOnly(client.secrets().inNamespace(ns).withName(s).get())));
        }
        for (String c : refs.claims) {
            refReads.add(reference("PersistentVolumeClaims", "PersistentVolumeClaim", c,
                    () -> client.persistentVolumeClaims().inNamespace(ns).withName(c).get()));
        }
        String sa = refs.serviceAccount;
        if (sa != null) {
            refReads.add(reference("ServiceAccounts", "ServiceAccount", sa,
                    () -> client.serviceAccounts().inNamespace(ns).withName(sa).get()));
        }

        // collect what was started, in the order a reader wants them
        for (Requests.Pending<Node> r : nodeReads) {
            Node n = r.get();
            if (n != null) {
                nodes.add(n);
                put(n);
            }
        }
        if (candidates != null) {
            List<Node> all = bounded("Nodes", candidates.get());
            for (Node n : all) {
                if (nodeNames.add(n.getMetadata().getName())) {
                    nodes.add(n);
                    put(n);
                }
            }
        }
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (Requests.Pending<HasMetadata> r : refReads) {
            HasMetadata o = r.get();
            if (o != null) {
                put(o);
                if (o instanceof PersistentVolumeClaim c) {
                    claims.add(c);
                }
            }
        }
        if (root instanceof PersistentVolumeClaim c) {
            claims.add(c);
        }
        List<Requests.Pending<HasMetadata>> volumeReads = new ArrayList<>();
        for (PersistentVolumeClaim c : claims) {
            String pv = c.getSpec() == null ? null : c.getSpec().getVolumeName();
            if (pv != null && !pv.isBlank()) {
                volumeReads.add(requests.start("PersistentVolumes", () -> client.persistentVolumes().withName(pv).get()));
            }
            if (c.getStatus() != null && !"Bound".equals(c.getStatus().getPhase())) {
                facts.add("PersistentVolumeClaim " + c.getMetadata().getName() + " is " + c.getStatus().getPhase()
                        + " (not bound to a volume)");
            }
        }
        List<io.fabric8.kubernetes.api.model.storage.StorageClass> classes = bounded("StorageClasses",
                get(storageClasses));
        if (!claims.isEmpty()) {
            classes.forEach(this::put);
        }
        List<Service> selecting = new ArrayList<>();
        for (Service s : bounded("Services", get(services))) {
            if (relevant(s, root)) {
                selecting.add(s);
                put(s);
            }
        }
        Set<String> serviceNames = new LinkedHashSet<>();
        selecting.forEach(s -> serviceNames.add(s.getMetadata().getName()));
        Map<String, Boolean> ready = new LinkedHashMap<>();
        serviceNames.forEach(s -> ready.put(s, false));
        for (EndpointSlice e : get(slices)) {
            String svc = e.getMetadata().getLabels() == null ? null
                    : e.getMetadata().getLabels().get("kubernetes.io/service-name");
            if (svc != null && serviceNames.contains(svc)) {
                put(e);
                boolean any = e.getEndpoints() != null && e.getEndpoints().stream().anyMatch(ep ->
                        ep.getConditions() == null || ep.getConditions().getReady() == null
                                || ep.getConditions().getReady());
                ready.merge(svc, any, Boolean::logicalOr);
            }
        }
        for (Service s : selecting) {
            if (s.getSpec() != null && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty()
                    && slices != null && !ready.get(s.getMetadata().getName())) {
                facts.add("Service " + s.getMetadata().getName() + " has no ready endpoints");
            }
        }
        boolean anyIngress = false;
        for (Ingress i : bounded("Ingresses", get(ingresses))) {
            if (routesTo(i, serviceNames)) {
                put(i);
                anyIngress = true;
            }
        }
        if (anyIngress) {
            bounded("IngressClasses", get(ingressClasses)).forEach(this::put);
        }
        bounded("NetworkPolicies", get(policies)).forEach(this::put);
        String saName = sa == null ? "default" : sa;
        Set<String> roles = new LinkedHashSet<>();
        for (RoleBinding b : get(roleBindings)) {
            if (binds(b.getSubjects(), saName)) {
                put(b);
                roles.add(b.getRoleRef().getKind() + "/" + b.getRoleRef().getName());
            }
        }
        for (ClusterRoleBinding b : get(clusterRoleBindings)) {
            if (binds(b.getSubjects(), saName)) {
                put(b);
                roles.add("ClusterRole/" + b.getRoleRef().getName());
            }
        }
        List<Requests.Pending<HasMetadata>> roleReads = new ArrayList<>();
        for (String r : roles) {
            String name = r.substring(r.indexOf('/') + 1);
            roleReads.add(r.startsWith("Role/")
                    ? requests.start("Roles", () -> client.rbac().roles().inNamespace(ns).withName(name).get())
                    : requests.start("ClusterRoles", () -> client.rbac().clusterRoles().withName(name).get()));
        }
        bounded("ResourceQuotas", get(quotas)).forEach(this::put);
        bounded("LimitRanges", get(limitRanges)).forEach(this::put);
        for (HorizontalPodAutoscaler h : get(hpas)) {
            var ref = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
            if (ref != null && workload != null && ref.getKind().equals(workload.getKind())
                    && ref.getName().equals(workload.getMetadata().getName())) {
                put(h);
            }
        }
        for (Requests.Pending<HasMetadata> r : volumeReads) {
            HasMetadata pv = r.get();
            if (pv != null) {
                put(pv);
            }
        }
        for (Requests.Pending<HasMetadata> r : roleReads) {
            HasMetadata role = r.get();
            if (role != null) {
                put(role);
            }
        }
        for (Requests.Pending<ContainerLog> r : logReads) {
            ContainerLog l = r.get();
            if (l != null) {
                logs.add(l);
            }
        }
        events(get(coreEvents), get(newEvents));
        VersionInfo v = version.get();
        if (v != null) {
            kubernetesVersion = v.getMajor() + "." + v.getMinor().replaceAll("[^0-9].*", "");
        }
    }

    private String nsOrAll() {
        return ns.isEmpty() ? "default" : ns;
    }

    private HasMetadata readTarget() {
        String n = target.name();
        return switch (target.kind()) {
            case "Pod" -> client.pods().inNamespace(ns).withName(n).get();
            case "Deployment" -> client.apps().deployments().inNamespace(ns).withName(n).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(ns).withName(n).get();
            case "DaemonSet" -> client.apps().daemonSets().inNamespace(ns).withName(n).get();
            case "ReplicaSet" -> client.apps().replicaSets().inNamespace(ns).withName(n).get();
            case "Job" -> client.batch().v1().jobs().inNamespace(ns).withName(n).get();
            case "CronJob" -> client.batch().v1().cronjobs().inNamespace(ns).withName(n).get();
            case "Service" -> client.services().inNamespace(ns).withName(n).get();
            case "PersistentVolumeClaim" -> client.persistentVolumeClaims().inNamespace(ns).withName(n).get();
            case "Node" -> client.nodes().withName(n).get();
            default -> throw new IllegalStateException("unknown kind " + target.kind());
        };
    }

    /** Follows owners up from a Pod, and Pods down from a workload, a Service, a claim or a node. */
    private void resolve(HasMetadata root) {
        if (root instanceof Pod p) {
            pods.add(p);
            owners(p);
            put(p);
        } else if (root instanceof Service s) {
            put(s);
            Map<String, String> sel = s.getSpec() == null ? null : s.getSpec().getSelector();
            if (sel != null && !sel.isEmpty()) {
                podsOf(sel);
            }
            // the workloads of the namespace: the ones the selector was meant for are among them
            bounded("Deployments", get(list("Deployments",
                    () -> client.apps().deployments().inNamespace(ns).list().getItems()))).forEach(this::put);
            bounded("StatefulSets", get(list("StatefulSets",
                    () -> client.apps().statefulSets().inNamespace(ns).list().getItems()))).forEach(this::put);
        } else if (root instanceof PersistentVolumeClaim c) {
            put(c);
            for (Pod p : bounded("Pods", get(list("Pods", () -> client.pods().inNamespace(ns).list().getItems())))) {
                if (p.getSpec() != null && p.getSpec().getVolumes() != null && p.getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getPersistentVolumeClaim() != null
                                && c.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName()))) {
                    pods.add(p);
                    put(p);
                }
            }
        } else if (root instanceof Node n) {
            put(n);
            for (Pod p : get(list("Pods", () -> client.pods().inAnyNamespace()
                    .withField("spec.nodeName", n.getMetadata().getName()).list().getItems()))) {
                if (n.getMetadata().getName().equals(p.getSpec() == null ? null : p.getSpec().getNodeName())
                        && pods.size() < limits.maxObjects()) {
                    pods.add(p);
                    put(p);
                }
            }
        } else {
            workload(root);
        }
    }

    private void workload(HasMetadata root) {
        workload = root;
        owners(root);
        put(root);
        if (root instanceof Deployment d) {
            LabelSelector sel = d.getSpec().getSelector();
            for (ReplicaSet rs : get(list("ReplicaSets", () -> client.apps().replicaSets().inNamespace(ns)
                    .withLabelSelector(sel).list().getItems()))) {
                if (ownedBy(rs, d) && current(rs, d)) {
                    put(rs);
                }
            }
            podsOf(sel);
        } else if (root instanceof ReplicaSet rs) {
            podsOf(rs.getSpec().getSelector());
        } else if (root instanceof StatefulSet st) {
            podsOf(st.getSpec().getSelector());
        } else if (root instanceof DaemonSet ds) {
            podsOf(ds.getSpec().getSelector());
        } else if (root instanceof Job j) {
            podsOf(Map.of("job-name", j.getMetadata().getName()));
        } else if (root instanceof CronJob cj) {
            List<Job> jobs = new ArrayList<>(get(list("Jobs",
                    () -> client.batch().v1().jobs().inNamespace(ns).list().getItems())));
            jobs.removeIf(j -> !ownedBy(j, cj));
            jobs.sort(Comparator.comparing((Job j) -> String.valueOf(j.getMetadata().getCreationTimestamp()))
                    .reversed());
            for (Job j : jobs.subList(0, Math.min(3, jobs.size()))) {
                put(j);
                podsOf(Map.of("job-name", j.getMetadata().getName()));
            }
        }
    }

    /** Whether a ReplicaSet still runs Pods, or is the newest of its Deployment (old ones are noise). */
    private static boolean current(ReplicaSet rs, Deployment d) {
        Integer replicas = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
        String revision = rs.getMetadata().getAnnotations() == null ? null
                : rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
        String current = d.getMetadata().getAnnotations() == null ? null
                : d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
        return replicas == null || replicas > 0 || (revision != null && revision.equals(current));
    }

    private void podsOf(LabelSelector sel) {
        if (sel == null) {
            return;
        }
        if (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()) {
            podsOf(sel.getMatchLabels() == null ? Map.of() : sel.getMatchLabels());
            return;
        }
        addPods(get(list("Pods", () -> client.pods().inNamespace(ns).withLabelSelector(sel).list().getItems())));
    }

    private void podsOf(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        addPods(get(list("Pods", () -> client.pods().inNamespace(ns).withLabels(labels).list().getItems())));
    }

    private void addPods(List<Pod> found) {
        List<Pod> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing((Pod p) -> !Health.unhealthy(p)).thenComparing(p -> p.getMetadata().getName()));
        if (sorted.size() > limits.maxObjects()) {
            requests.note("kept " + limits.maxObjects() + " of " + sorted.size() + " Pods (unhealthy ones first)");
        }
        for (Pod p : sorted.subList(0, Math.min(sorted.size(), limits.maxObjects()))) {
            pods.add(p);
            put(p);
        }
    }

    /** Owners up the chain: Pod → ReplicaSet → Deployment, Pod → Job → CronJob, Pod → StatefulSet or DaemonSet. */
    private void owners(HasMetadata o) {
        HasMetadata current = o;
        for (int hop = 0; hop < 3; hop++) {
            OwnerReference ref = controller(current);
            if (ref == null) {
                return;
            }
            String n = ref.getName();
            Supplier<HasMetadata> read = switch (ref.getKind()) {
                case "ReplicaSet" -> () -> client.apps().replicaSets().inNamespace(ns).withName(n).get();
                case "Deployment" -> () -> client.apps().deployments().inNamespace(ns).withName(n).get();
                case "StatefulSet" -> () -> client.apps().statefulSets().inNamespace(ns).withName(n).get();
                case "DaemonSet" -> () -> client.apps().daemonSets().inNamespace(ns).withName(n).get();
                case "Job" -> () -> client.batch().v1().jobs().inNamespace(ns).withName(n).get();
                case "CronJob" -> () -> client.batch().v1().cronjobs().inNamespace(ns).withName(n).get();
                default -> null;
            };
            if (read == null) {
                return;
            }
            HasMetadata owner = requests.start(ref.getKind() + "s", read).get();
            if (owner == null) {
                facts.add(current.getKind() + " " + current.getMetadata().getName() + " is owned by " + ref.getKind()
                        + " " + n + ", which could not be read");
                return;
            }
            put(owner);
            if (!(owner instanceof ReplicaSet) || workload == null) {
                workload = owner;
            }
            current = owner;
        }
    }

    private static OwnerReference controller(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(refs.get(0));
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> r.getKind().equals(owner.getKind())
                && r.getName().equals(owner.getMetadata().getName()));
    }

    /** The Pod spec references are read from: a Pod's, or the workload's template when it has no Pods. */
    private PodSpec podSpec() {
        if (!pods.isEmpty()) {
            return pods.stream().filter(Health::unhealthy).findFirst().orElse(pods.get(0)).getSpec();
        }
        PodTemplateSpec t = template(workload);
        return t == null ? null : t.getSpec();
    }

    /** The Pod template of a workload; null for anything else. */
    static PodTemplateSpec template(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec().getTemplate();
        } else if (o instanceof StatefulSet st) {
            return st.getSpec().getTemplate();
        } else if (o instanceof DaemonSet ds) {
            return ds.getSpec().getTemplate();
        } else if (o instanceof ReplicaSet rs) {
            return rs.getSpec().getTemplate();
        } else if (o instanceof Job j) {
            return j.getSpec().getTemplate();
        } else if (o instanceof CronJob cj) {
            return cj.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        return null;
    }

    private void chooseDetailed() {
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing((Pod p) -> !Health.unhealthy(p)));
        detailed.addAll(sorted.subList(0, Math.min(limits.maxPods(), sorted.size())));
    }

    private static boolean unscheduled(Pod p) {
        return p.getSpec() == null || p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isBlank();
    }

    private List<Requests.Pending<ContainerLog>> startLogs() {
        List<Requests.Pending<ContainerLog>> out = new ArrayList<>();
        for (Pod p : detailed) {
            if (p.getStatus() == null) {
                continue;
            }
            List<ContainerStatus> statuses = new ArrayList<>();
            if (p.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getInitContainerStatuses());
            }
            if (p.getStatus().getContainerStatuses() != null) {
                statuses.addAll(p.getStatus().getContainerStatuses());
            }
            String pod = p.getMetadata().getName();
            for (ContainerStatus cs : statuses) {
                boolean started = cs.getState() != null
                        && (cs.getState().getRunning() != null || cs.getState().getTerminated() != null);
                boolean restarted = (cs.getRestartCount() != null && cs.getRestartCount() > 0)
                        || (cs.getLastState() != null && cs.getLastState().getTerminated() != null);
                String c = cs.getName();
                if (started) {
                    out.add(requests.start("logs of " + pod + "/" + c, () -> log(pod, c, false)));
                }
                if (restarted) {
                    out.add(requests.start("previous logs of " + pod + "/" + c, () -> log(pod, c, true)));
                }
            }
        }
        return out;
    }

    /** Reads at most {@code maxLogBytes}: the server is asked for that bound, and a server that ignores it is cut. */
    private ContainerLog log(String pod, String container, boolean previous) {
        // the container states were read already: do not let the client wait for the Pod to become ready
        var c = client.pods().inNamespace(ns).withName(pod).inContainer(container).withReadyWaitTimeout(0);
        int max = limits.maxLogBytes();
        try (InputStream in = previous ? c.terminated().tailingLines(limits.logTailLines()).getLogInputStream()
                : c.limitBytes(max).tailingLines(limits.logTailLines()).getLogInputStream()) {
            byte[] buf = in.readNBytes(max);
            boolean cut = in.read() >= 0;
            int end = buf.length;
            if (cut) {
                // do not end inside a line (or a multi-byte character)
                int nl = lastNewline(buf);
                end = nl > 0 ? nl + 1 : end;
                requests.note("the " + (previous ? "previous " : "") + "log of " + pod + "/" + container
                        + " was cut at " + end + " bytes (limit " + max + ")");
            }
            return new ContainerLog(pod, container, previous, new String(buf, 0, end, StandardCharsets.UTF_8), cut);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The names a Pod spec refers to. */
    private static final class References {
        final Set<String> configMaps = new LinkedHashSet<>();
        final Set<String> secrets = new LinkedHashSet<>();
        final Set<String> claims = new LinkedHashSet<>();
        String serviceAccount;
    }

    private References references(PodSpec spec) {
        References r = new References();
        if (spec == null) {
            return r;
        }
        r.serviceAccount = spec.getServiceAccountName() != null ? spec.getServiceAccountName()
                : spec.getServiceAccount();
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                if (v.getConfigMap() != null) {
                    r.configMaps.add(v.getConfigMap().getName());
                }
                if (v.getSecret() != null) {
                    r.secrets.add(v.getSecret().getSecretName());
                }
                if (v.getPersistentVolumeClaim() != null) {
                    r.claims.add(v.getPersistentVolumeClaim().getClaimName());
                }
                if (v.getProjected() != null && v.getProjected().getSources() != null) {
                    for (VolumeProjection p : v.getProjected().getSources()) {
                        if (p.getConfigMap() != null) {
                            r.configMaps.add(p.getConfigMap().getName());
                        }
                        if (p.getSecret() != null) {
                            r.secrets.add(p.getSecret().getName());
                        }
                    }
                }
            }
        }
        List<Container> containers = new ArrayList<>();
        if (spec.getContainers() != null) {
            containers.addAll(spec.getContainers());
        }
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        for (Container c : containers) {
            if (c.getEnvFrom() != null) {
                for (EnvFromSource e : c.getEnvFrom()) {
                    if (e.getConfigMapRef() != null) {
                        r.configMaps.add(e.getConfigMapRef().getName());
                    }
                    if (e.getSecretRef() != null) {
                        r.secrets.add(e.getSecretRef().getName());
                    }
                }
            }
            if (c.getEnv() != null) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        r.configMaps.add(e.getValueFrom().getConfigMapKeyRef().getName());
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        r.secrets.add(e.getValueFrom().getSecretKeyRef().getName());
                    }
                }
            }
        }
        if (spec.getImagePullSecrets() != null) {
            spec.getImagePullSecrets().forEach(s -> r.secrets.add(s.getName()));
        }
        r.configMaps.removeIf(s -> s == null || s.isBlank());
        r.secrets.removeIf(s -> s == null || s.isBlank());
        r.claims.removeIf(s -> s == null || s.isBlank());
        return r;
    }

    private <T extends HasMetadata> Requests.Pending<HasMetadata> reference(String plural, String kind, String name,
                                                                          Supplier<T> read) {
        String user = workload != null ? workload.getKind().toLowerCase(java.util.Locale.ROOT) + "/"
                + workload.getMetadata().getName() : target.path();
        return requests.start(plural, () -> {
            T o = read.get();
            if (o == null) {
                facts.add(kind + " " + name + " referenced by " + user + " does not exist in namespace " + ns);
            }
            return o;
        });
    }

    /** Services that select the Pods, or that look meant to (same name as the workload, a shared label). */
    private boolean relevant(Service s, HasMetadata root) {
        if (root instanceof Service) {
            return s.getMetadata().getName().equals(root.getMetadata().getName());
        }
        Map<String, String> sel = s.getSpec() == null ? null : s.getSpec().getSelector();
        if (sel == null || sel.isEmpty()) {
            return false;
        }
        Map<String, String> labels = labels();
        if (labels.entrySet().containsAll(sel.entrySet())) {
            return true;
        }
        String name = s.getMetadata().getName();
        if (workload != null && name.equals(workload.getMetadata().getName())) {
            return true;
        }
        String app = labels.getOrDefault("app", labels.get("app.kubernetes.io/name"));
        if (name.equals(app)) {
            return true;
        }
        // a selector that shares a label key and value with the Pods but asks for more is a near miss worth showing
        return sel.entrySet().stream().anyMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private Map<String, String> labels() {
        if (!pods.isEmpty() && pods.get(0).getMetadata().getLabels() != null) {
            return pods.get(0).getMetadata().getLabels();
        }
        PodTemplateSpec t = template(workload);
        return t == null || t.getMetadata() == null || t.getMetadata().getLabels() == null ? Map.of()
                : t.getMetadata().getLabels();
    }

    private static boolean routesTo(Ingress i, Set<String> services) {
        if (i.getSpec() == null) {
            return false;
        }
        List<IngressBackend> backends = new ArrayList<>();
        if (i.getSpec().getDefaultBackend() != null) {
            backends.add(i.getSpec().getDefaultBackend());
        }
        if (i.getSpec().getRules() != null) {
            for (IngressRule r : i.getSpec().getRules()) {
                if (r.getHttp() != null && r.getHttp().getPaths() != null) {
                    r.getHttp().getPaths().forEach(p -> backends.add(p.getBackend()));
                }
            }
        }
        return backends.stream().anyMatch(b -> b != null && b.getService() != null
                && services.contains(b.getService().getName()));
    }

    private boolean binds(List<Subject> subjects, String serviceAccount) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && serviceAccount.equals(s.getName()) && (s.getNamespace() == null || s.getNamespace().equals(ns)));
    }

    /** Events about the objects read (core and events.k8s.io; the same event seen twice is kept once). */
    private void events(List<io.fabric8.kubernetes.api.model.Event> core,
                        List<io.fabric8.kubernetes.api.model.events.v1.Event> modern) {
        Set<String> involved = new LinkedHashSet<>();
        for (HasMetadata o : objects.values()) {
            involved.add(o.getKind() + "/" + o.getMetadata().getName());
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Object> kept = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Event e : core) {
            ObjectReference r = e.getInvolvedObject();
            if (r != null && involved.contains(r.getKind() + "/" + r.getName())
                    && seen.add(r.getKind() + "/" + r.getName() + "|" + e.getReason() + "|" + e.getMessage())) {
                kept.add(e);
            }
        }
        for (io.fabric8.kubernetes.api.model.events.v1.Event e : modern) {
            ObjectReference r = e.getRegarding();
            if (r != null && involved.contains(r.getKind() + "/" + r.getName())
                    && seen.add(r.getKind() + "/" + r.getName() + "|" + e.getReason() + "|" + e.getNote())) {
                kept.add(e);
            }
        }
        if (kept.size() > limits.maxObjects() * 2) {
            requests.note("kept the newest " + limits.maxObjects() * 2 + " of " + kept.size() + " events");
            kept.sort(Comparator.comparing(EventLines::time));
            kept = kept.subList(kept.size() - limits.maxObjects() * 2, kept.size());
        }
        events.addAll(kept);
    }

    private <T> Requests.Pending<List<T>> list(String what, Supplier<List<T>> call) {
        return requests.start(what, call);
    }

    private static <T> List<T> get(Requests.Pending<List<T>> p) {
        if (p == null) {
            return List.of();
        }
        List<T> l = p.get();
        return l == null ? List.of() : l;
    }

    private <T> List<T> bounded(String what, List<T> all) {
        if (all == null) {
            return List.of();
        }
        if (all.size() <= limits.maxObjects()) {
            return all;
        }
        requests.note("kept " + limits.maxObjects() + " of " + all.size() + " " + what);
        return all.subList(0, limits.maxObjects());
    }

    private void put(HasMetadata o) {
        String key = o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
        objects.putIfAbsent(key, o instanceof Secret s ? Manifests.keysOnly(s) : o);
    }
}
