package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Objects defined for a workload that no workload uses (Popeye's "unused ConfigMap"): a ConfigMap shown beside
 * the pods of its namespace that none of them references through {@code envFrom}, {@code env.valueFrom} or a
 * volume, so its settings never reach a container. A weak finding: a workload that is not shown may use it.
 * Where a pod names a ConfigMap that is not there, the unused one is most likely the name it meant, and the
 * reference check reports that instead.
 */
public final class UnusedObjectCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("configmap-unreferenced");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (ConfigMap cm : set.ofKind(ConfigMap.class)) {
            String name = ManifestSet.name(cm);
            String ns = ManifestSet.namespace(cm);
            List<Workload> local = set.workloads().stream()
                    .filter(w -> ManifestSet.sameNamespace(w.namespace(), ns)).toList();
            if (local.isEmpty() || local.stream().anyMatch(w -> referenced(w).contains(name))) {
                continue;
            }
            // a pod that names a ConfigMap that is not there: the same fault (a wrong name), reported by ReferenceCheck
            boolean misnamed = local.stream().flatMap(w -> referenced(w).stream())
                    .anyMatch(r -> set.find("ConfigMap", r, ns) == null);
            if (misnamed) {
                continue;
            }
            Workload w = local.get(0);
            out.add(Finding.of("configmap-unreferenced", w.ref(), "ConfigMap " + name + " is defined, but "
                    + w.title() + " never references it (no envFrom configMapRef, env valueFrom configMapKeyRef or"
                    + " configMap volume), so its settings never reach the container", false, "configmap", name,
                    "container", w.containers().isEmpty() ? null : w.containers().get(0).getName(),
                    "workload", w.ref(), "namespace", w.namespace()));
        }
        return out;
    }

    /** The ConfigMaps a workload's pods reference, by name. */
    static Set<String> referenced(Workload w) {
        Set<String> names = new HashSet<>();
        for (Volume v : ManifestSet.list(w.spec().getVolumes())) {
            if (v.getConfigMap() != null) {
                names.add(v.getConfigMap().getName());
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : ManifestSet.list(v.getProjected().getSources())) {
                    if (p.getConfigMap() != null) {
                        names.add(p.getConfigMap().getName());
                    }
                }
            }
        }
        for (Container c : w.allContainers()) {
            for (EnvFromSource ef : ManifestSet.list(c.getEnvFrom())) {
                if (ef.getConfigMapRef() != null) {
                    names.add(ef.getConfigMapRef().getName());
                }
            }
            for (EnvVar env : ManifestSet.list(c.getEnv())) {
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    names.add(env.getValueFrom().getConfigMapKeyRef().getName());
                }
            }
        }
        return names;
    }
}
