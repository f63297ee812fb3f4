package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RBAC: bindings to roles that are not defined, and (when the text evidence says which verb on which resource
 * the API server refused) whether any binding of the workload's ServiceAccount grants it, with the binding's
 * scope: a RoleBinding grants only in its own namespace.
 */
public final class RbacCheck implements ManifestCheck {
    private static final Set<String> BUILT_IN = Set.of("admin", "edit", "view", "cluster-admin");
    /** The API group that serves each built-in resource today. */
    private static final java.util.Map<String, String> GROUP = java.util.Map.ofEntries(
            java.util.Map.entry("pods", ""), java.util.Map.entry("services", ""),
            java.util.Map.entry("configmaps", ""), java.util.Map.entry("secrets", ""),
            java.util.Map.entry("endpoints", ""), java.util.Map.entry("namespaces", ""),
            java.util.Map.entry("nodes", ""), java.util.Map.entry("persistentvolumeclaims", ""),
            java.util.Map.entry("persistentvolumes", ""), java.util.Map.entry("serviceaccounts", ""),
            java.util.Map.entry("deployments", "apps"), java.util.Map.entry("replicasets", "apps"),
            java.util.Map.entry("daemonsets", "apps"), java.util.Map.entry("statefulsets", "apps"),
            java.util.Map.entry("jobs", "batch"), java.util.Map.entry("cronjobs", "batch"),
            java.util.Map.entry("ingresses", "networking.k8s.io"),
            java.util.Map.entry("networkpolicies", "networking.k8s.io"),
            java.util.Map.entry("horizontalpodautoscalers", "autoscaling"),
            java.util.Map.entry("poddisruptionbudgets", "policy"),
            java.util.Map.entry("storageclasses", "storage.k8s.io"),
            java.util.Map.entry("roles", "rbac.authorization.k8s.io"),
            java.util.Map.entry("rolebindings", "rbac.authorization.k8s.io"),
            java.util.Map.entry("clusterroles", "rbac.authorization.k8s.io"),
            java.util.Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"));

    @Override
    public Set<String> keys() {
        return Set.of("rbac-role-missing", "rbac-permission-missing", "rbac-wrong-api-group");
    }

    private record Binding(HasMetadata object, RoleRef ref, List<Subject> subjects) {
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        for (RoleBinding b : set.ofKind(RoleBinding.class)) {
            bindings.add(new Binding(b, b.getRoleRef(), ManifestSet.list(b.getSubjects())));
        }
        for (ClusterRoleBinding b : set.ofKind(ClusterRoleBinding.class)) {
            bindings.add(new Binding(b, b.getRoleRef(), ManifestSet.list(b.getSubjects())));
        }
        boolean rolesShown = set.shows("Role") || set.shows("ClusterRole");
        for (Binding b : bindings) {
            if (b.ref() == null || b.ref().getName() == null) {
                continue;
            }
            String role = b.ref().getName();
            String kind = Selectors.nz(b.ref().getKind());
            if (rolesShown && find(set, b) == null && !role.startsWith("system:") && !BUILT_IN.contains(role)) {
                String bname = ManifestSet.name(b.object());
                out.add(Finding.of("rbac-role-missing", b.object().getKind().toLowerCase(java.util.Locale.ROOT) + "/"
                        + bname, b.object().getKind() + " " + bname + " grants " + kind + " " + role
                        + ", which is not defined (the roles are " + set.names(kind) + ")", true,
                        "rolebinding", bname, "role", role, "namespace", ManifestSet.namespace(b.object())));
            }
        }
        List<HasMetadata> roles = new ArrayList<>(set.ofKind(Role.class));
        roles.addAll(set.ofKind(ClusterRole.class));
        for (HasMetadata role : roles) {
            for (PolicyRule r : rules(role)) {
                List<String> groups = ManifestSet.list(r.getApiGroups());
                if (groups.contains("*")) {
                    continue;
                }
                for (String res : ManifestSet.list(r.getResources())) {
                    String base = res.contains("/") ? res.substring(0, res.indexOf('/')) : res;
                    String group = GROUP.get(base);
                    if (group != null && !groups.contains(group)) {
                        String rname = ManifestSet.name(role);
                        out.add(Finding.of("rbac-wrong-api-group", role.getKind().toLowerCase(java.util.Locale.ROOT)
                                + "/" + rname, role.getKind() + " " + rname + " grants " + ManifestSet.list(r.getVerbs())
                                + " on " + res + " in apiGroups " + quoted(groups) + ", but " + base
                                + " are served by apiGroup \"" + group + "\", so the rule grants nothing on them", true,
                                "role", rname, "resource", res, "apigroup", group.isEmpty() ? "\"\"" : group,
                                "namespace", ManifestSet.namespace(role)));
                        break;
                    }
                }
            }
        }
        String verb = set.fact("verb");
        String resource = set.fact("resource");
        if (verb == null || resource == null) {
            return out;
        }
        for (Workload w : set.workloads()) {
            String sa = w.spec().getServiceAccountName() != null ? w.spec().getServiceAccountName() : "default";
            boolean granted = false;
            for (Binding b : bindings) {
                boolean bound = false;
                for (Subject s : b.subjects()) {
                    bound |= "ServiceAccount".equals(s.getKind()) && sa.equals(s.getName());
                }
                boolean inScope = b.object() instanceof ClusterRoleBinding
                        || ManifestSet.sameNamespace(ManifestSet.namespace(b.object()), w.namespace());
                HasMetadata role = bound && inScope ? find(set, b) : null;
                for (PolicyRule r : rules(role)) {
                    granted |= contains(r.getVerbs(), verb) && contains(r.getResources(), resource);
                }
            }
            if (!granted) {
                out.add(Finding.of("rbac-permission-missing", w.ref(), "ServiceAccount " + sa + " of " + w.title()
                        + " is refused '" + verb + "' on " + resource + " and no Role or ClusterRole bound to it"
                        + " grants that", !bindings.isEmpty(), "serviceaccount", sa, "verb", verb,
                        "resource", resource, "workload", w.ref(), "namespace", w.namespace()));
            }
        }
        return out;
    }

    private static HasMetadata find(ManifestSet set, Binding b) {
        String kind = Selectors.nz(b.ref().getKind());
        return set.find(kind, b.ref().getName(), kind.equals("Role") ? ManifestSet.namespace(b.object()) : null);
    }

    private static List<PolicyRule> rules(HasMetadata role) {
        if (role instanceof Role r) {
            return ManifestSet.list(r.getRules());
        }
        if (role instanceof ClusterRole r) {
            return ManifestSet.list(r.getRules());
        }
        return List.of();
    }

    private static String quoted(List<String> groups) {
        List<String> q = new ArrayList<>();
        groups.forEach(g -> q.add("\"" + g + "\""));
        return q.toString();
    }

    private static boolean contains(List<String> list, String value) {
        for (String v : ManifestSet.list(list)) {
            if (v.equals(value) || v.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
