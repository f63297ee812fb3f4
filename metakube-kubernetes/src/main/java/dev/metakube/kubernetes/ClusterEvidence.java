package dev.metakube.kubernetes;

import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Collects the evidence of an incident from a live cluster, read-only, with a client the caller owns.
 *
 * <p>For a Pod or a workload it reads the object and its owners up the chain (Pod → ReplicaSet → Deployment,
 * Pod → Job → CronJob, StatefulSet, DaemonSet) and its Pods down; container states with their last termination;
 * events of every object involved (core and {@code events.k8s.io}); the logs of each container, current and
 * previous, tail-bounded; the nodes (conditions, allocatable, taints), and for a Pending Pod the candidate nodes;
 * PersistentVolumeClaims, their volumes and the StorageClasses; the Services that select the Pods (or look meant
 * to), their EndpointSlices, the Ingresses in front of them and the IngressClasses; the namespace's NetworkPolicies,
 * ResourceQuotas and LimitRanges; the ConfigMaps and Secrets the Pods reference; the ServiceAccount with the Roles
 * and bindings that apply to it; the HorizontalPodAutoscaler that targets the workload. Independent requests run in
 * parallel.
 *
 * <p>The incident's evidence is what the analyzers read when a person pastes it: {@code describe}-like text, events
 * in {@code kubectl get events} form, logs, every object read as YAML, and a status note with the facts found
 * while collecting (a referenced Secret that does not exist) and every request that failed ("could not read
 * Secrets: forbidden"). <b>Of a Secret only its name, type and key names are kept</b>: values are dropped when the
 * object is read, before anything else sees it.
 *
 * <pre>{@code
 * try (KubernetesClient client = new KubernetesClientBuilder().build()) {
 *     Incident incident = ClusterEvidence.collect(client, ObjectRef.pod("shop", "cart-7d9f-x2"),
 *             CollectionLimits.defaults());
 *     Diagnosis d = metaKube.diagnose(incident);
 * }
 * }</pre>
 */
public final class ClusterEvidence {
    private ClusterEvidence() {
    }

    /**
     * Collects the evidence about {@code target} within {@code limits}.
     *
     * @throws ClusterAccessException when the API server cannot be reached within the per-request budget, or
     *                                refuses to let the target itself be read
     * @throws InvalidInputException  when the target does not exist
     */
    public static Incident collect(KubernetesClient client, ObjectRef target, CollectionLimits limits) {
        try (Requests requests = new Requests(limits)) {
            Collection c = new Collection(client, target, limits, requests);
            c.run();
            return IncidentRender.incident(c, client.getKubernetesSerialization());
        }
    }
}
