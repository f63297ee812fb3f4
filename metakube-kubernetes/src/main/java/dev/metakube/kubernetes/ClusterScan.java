package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what is unhealthy in a namespace (or in all): Pods not ready, restarting or Pending, failed Jobs, workloads
 * below their desired replicas, Services without ready endpoints, unbound PersistentVolumeClaims and nodes that are
 * not Ready. A workload with several unhealthy Pods is reported once, through its first unhealthy Pod. Lists run in
 * parallel within the limits' budgets; a list that fails is skipped and named in {@link Result#notes()}.
 */
public final class ClusterScan {
    /** What a scan found, and the lists it could not read. */
    public record Result(List<UnhealthyObject> unhealthy, int podsSeen, List<String> notes) {
        public Result {
            unhealthy = List.copyOf(unhealthy);
            notes = List.copyOf(notes);
        }
    }

    private ClusterScan() {
    }

    /**
     * Scans {@code namespace}, or every namespace when it is null.
     *
     * @throws ClusterAccessException when the API server cannot be reached or refuses to list Pods
     */
    public static Result scan(KubernetesClient client, String namespace, CollectionLimits limits) {
        try (Requests r = new Requests(limits)) {
            boolean all = namespace == null;
            String server = String.valueOf(client.getMasterUrl());
            List<Pod> pods = r.require("Pods" + (all ? "" : " in namespace " + namespace), server, () -> all
                    ? client.pods().inAnyNamespace().list().getItems()
                    : client.pods().inNamespace(namespace).list().getItems());
            var rsList = r.start("ReplicaSets", () -> all ? client.apps().replicaSets().inAnyNamespace().list().getItems()
                    : client.apps().replicaSets().inNamespace(namespace).list().getItems());
            var deployments = r.start("Deployments", () -> all
                    ? client.apps().deployments().inAnyNamespace().list().getItems()
                    : client.apps().deployments().inNamespace(namespace).list().getItems());
            var statefulSets = r.start("StatefulSets", () -> all
                    ? client.apps().statefulSets().inAnyNamespace().list().getItems()
                    : client.apps().statefulSets().inNamespace(namespace).list().getItems());
            var jobs = r.start("Jobs", () -> all ? client.batch().v1().jobs().inAnyNamespace().list().getItems()
                    : client.batch().v1().jobs().inNamespace(namespace).list().getItems());
            var services = r.start("Services", () -> all ? client.services().inAnyNamespace().list().getItems()
                    : client.services().inNamespace(namespace).list().getItems());
            var slices = r.start("EndpointSlices", () -> all
                    ? client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems()
                    : client.discovery().v1().endpointSlices().inNamespace(namespace).list().getItems());
            var claims = r.start("PersistentVolumeClaims", () -> all
                    ? client.persistentVolumeClaims().inAnyNamespace().list().getItems()
                    : client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
            var nodes = r.start("Nodes", () -> client.nodes().list().getItems());

            Map<String, String> rsOwner = new HashMap<>();
            for (ReplicaSet rs : orEmpty(rsList.get())) {
                OwnerReference o = controller(rs);
                if (o != null) {
                    rsOwner.put(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName(), o.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + o.getName());
                }
            }
            Map<String, UnhealthyObject> found = new LinkedHashMap<>();
            Set<String> ownersReported = new HashSet<>();
            for (Pod p : pods) {
                String problem = Health.problem(p);
                if (problem == null) {
                    continue;
                }
                String owner = owner(p, rsOwner);
                String ownerKey = p.getMetadata().getNamespace() + "/" + owner;
                if (!owner.isEmpty() && !ownersReported.add(ownerKey)) {
                    continue;
                }
                found.put(key(p), new UnhealthyObject(ObjectRef.pod(p.getMetadata().getNamespace(),
                        p.getMetadata().getName()), owner, problem));
            }
            for (Deployment d : orEmpty(deployments.get())) {
                int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                        : d.getStatus().getReadyReplicas();
                workload(found, ownersReported, d, want, ready);
            }
            for (StatefulSet s : orEmpty(statefulSets.get())) {
                int want = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
                int ready = s.getStatus() == null || s.getStatus().getReadyReplicas() == null ? 0
                        : s.getStatus().getReadyReplicas();
                workload(found, ownersReported, s, want, ready);
            }
            for (Job j : orEmpty(jobs.get())) {
                boolean failed = j.getStatus() != null && j.getStatus().getConditions() != null && j.getStatus()
                        .getConditions().stream().anyMatch(c -> c.getType().equals("Failed") && "True".equals(c.getStatus()));
                String ref = "job/" + j.getMetadata().getName();
                if (failed && ownersReported.add(j.getMetadata().getNamespace() + "/" + ref)) {
                    found.put(key(j), new UnhealthyObject(new ObjectRef("Job", j.getMetadata().getNamespace(),
                            j.getMetadata().getName()), "", "failed"));
                }
            }
            Map<String, Boolean> readyEndpoints = new HashMap<>();
            List<EndpointSlice> sliceList = slices.get();
            for (EndpointSlice e : orEmpty(sliceList)) {
                String svc = e.getMetadata().getLabels() == null ? null
                        : e.getMetadata().getLabels().get("kubernetes.io/service-name");
                if (svc != null) {
                    boolean any = e.getEndpoints() != null && e.getEndpoints().stream().anyMatch(ep ->
                            ep.getConditions() == null || ep.getConditions().getReady() == null
                                    || ep.getConditions().getReady());
                    readyEndpoints.merge(e.getMetadata().getNamespace() + "/" + svc, any, Boolean::logicalOr);
                }
            }
            if (sliceList != null) {
                for (Service s : orEmpty(services.get())) {
                    Map<String, String> sel = s.getSpec() == null ? null : s.getSpec().getSelector();
                    if (sel == null || sel.isEmpty()) {
                        continue;
                    }
                    String k = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
                    if (!readyEndpoints.getOrDefault(k, false) && !coveredBySelectedPods(s, pods)) {
                        found.put(key(s), new UnhealthyObject(new ObjectRef("Service", s.getMetadata().getNamespace(),
                                s.getMetadata().getName()), "", "no ready endpoints"));
                    }
                }
            }
            for (PersistentVolumeClaim c : orEmpty(claims.get())) {
                if (c.getStatus() != null && !"Bound".equals(c.getStatus().getPhase())) {
                    found.put(key(c), new UnhealthyObject(new ObjectRef("PersistentVolumeClaim",
                            c.getMetadata().getNamespace(), c.getMetadata().getName()), "", c.getStatus().getPhase()));
                }
            }
            for (Node n : orEmpty(nodes.get())) {
                String ready = IncidentRender.ready(n);
                if (!ready.equals("True")) {
                    found.put(key(n), new UnhealthyObject(new ObjectRef("Node", "", n.getMetadata().getName()), "",
                            "NotReady"));
                }
            }
            return new Result(new ArrayList<>(found.values()), pods.size(), r.notes());
        }
    }

    /** A Service whose selected Pods are all unhealthy adds nothing: those Pods are reported already. */
    private static boolean coveredBySelectedPods(Service s, List<Pod> pods) {
        Map<String, String> sel = s.getSpec().getSelector();
        boolean any = false;
        for (Pod p : pods) {
            Map<String, String> labels = p.getMetadata().getLabels();
            if (p.getMetadata().getNamespace().equals(s.getMetadata().getNamespace()) && labels != null
                    && labels.entrySet().containsAll(sel.entrySet())) {
                if (Health.problem(p) == null) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static void workload(Map<String, UnhealthyObject> found, Set<String> reported, HasMetadata w, int want,
                                 int ready) {
        String ref = w.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + w.getMetadata().getName();
        if (ready < want && reported.add(w.getMetadata().getNamespace() + "/" + ref)) {
            found.put(key(w), new UnhealthyObject(new ObjectRef(w.getKind(), w.getMetadata().getNamespace(),
                    w.getMetadata().getName()), "", ready + "/" + want + " replicas ready"));
        }
    }

    private static String owner(Pod p, Map<String, String> rsOwner) {
        OwnerReference o = controller(p);
        if (o == null) {
            return "";
        }
        if (o.getKind().equals("ReplicaSet")) {
            return rsOwner.getOrDefault(p.getMetadata().getNamespace() + "/" + o.getName(),
                    "replicaset/" + o.getName());
        }
        return o.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + o.getName();
    }

    private static OwnerReference controller(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(refs.get(0));
    }

    private static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName();
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
