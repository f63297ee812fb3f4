package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** apiVersions that current Kubernetes releases no longer serve, with the release that removed them. */
public final class ApiVersionCheck implements ManifestCheck {
    /** "apiVersion kind" to "replacement, removed in". */
    private static final Map<String, String[]> REMOVED = Map.ofEntries(
            Map.entry("extensions/v1beta1 Deployment", new String[] {"apps/v1", "1.16"}),
            Map.entry("extensions/v1beta1 DaemonSet", new String[] {"apps/v1", "1.16"}),
            Map.entry("extensions/v1beta1 ReplicaSet", new String[] {"apps/v1", "1.16"}),
            Map.entry("extensions/v1beta1 NetworkPolicy", new String[] {"networking.k8s.io/v1", "1.16"}),
            Map.entry("extensions/v1beta1 Ingress", new String[] {"networking.k8s.io/v1", "1.22"}),
            Map.entry("extensions/v1beta1 PodSecurityPolicy", new String[] {"(Pod Security Admission)", "1.16"}),
            Map.entry("apps/v1beta1 Deployment", new String[] {"apps/v1", "1.16"}),
            Map.entry("apps/v1beta2 Deployment", new String[] {"apps/v1", "1.16"}),
            Map.entry("apps/v1beta1 StatefulSet", new String[] {"apps/v1", "1.16"}),
            Map.entry("apps/v1beta2 StatefulSet", new String[] {"apps/v1", "1.16"}),
            Map.entry("apps/v1beta2 DaemonSet", new String[] {"apps/v1", "1.16"}),
            Map.entry("networking.k8s.io/v1beta1 Ingress", new String[] {"networking.k8s.io/v1", "1.22"}),
            Map.entry("networking.k8s.io/v1beta1 IngressClass", new String[] {"networking.k8s.io/v1", "1.22"}),
            Map.entry("rbac.authorization.k8s.io/v1beta1 Role", new String[] {"rbac.authorization.k8s.io/v1", "1.22"}),
            Map.entry("rbac.authorization.k8s.io/v1beta1 ClusterRole",
                    new String[] {"rbac.authorization.k8s.io/v1", "1.22"}),
            Map.entry("rbac.authorization.k8s.io/v1beta1 RoleBinding",
                    new String[] {"rbac.authorization.k8s.io/v1", "1.22"}),
            Map.entry("rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
                    new String[] {"rbac.authorization.k8s.io/v1", "1.22"}),
            Map.entry("batch/v1beta1 CronJob", new String[] {"batch/v1", "1.25"}),
            Map.entry("policy/v1beta1 PodDisruptionBudget", new String[] {"policy/v1", "1.25"}),
            Map.entry("policy/v1beta1 PodSecurityPolicy", new String[] {"(Pod Security Admission)", "1.25"}),
            Map.entry("autoscaling/v2beta1 HorizontalPodAutoscaler", new String[] {"autoscaling/v2", "1.25"}),
            Map.entry("autoscaling/v2beta2 HorizontalPodAutoscaler", new String[] {"autoscaling/v2", "1.26"}),
            Map.entry("storage.k8s.io/v1beta1 CSIStorageCapacity", new String[] {"storage.k8s.io/v1", "1.27"}),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema",
                    new String[] {"flowcontrol.apiserver.k8s.io/v1", "1.29"}));

    @Override
    public Set<String> keys() {
        return Set.of("api-version-removed");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (HasMetadata o : set.objects()) {
            String[] r = REMOVED.get(o.getApiVersion() + " " + o.getKind());
            if (r != null) {
                String name = ManifestSet.name(o);
                out.add(Finding.of("api-version-removed", o.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + name,
                        o.getKind() + " " + name + " uses apiVersion " + o.getApiVersion() + ", which Kubernetes "
                        + r[1] + " removed: use " + r[0], true, "apiversion", o.getApiVersion(),
                        "newapiversion", r[0], o.getKind().toLowerCase(java.util.Locale.ROOT),
                        name));
            }
        }
        return out;
    }
}
