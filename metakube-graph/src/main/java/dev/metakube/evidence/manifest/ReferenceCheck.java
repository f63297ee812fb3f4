package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References of pod templates to ConfigMaps, Secrets and their keys, ServiceAccounts, imagePullSecrets,
 * volumes (volumeMounts naming no volume) and Namespaces. A name is "not defined" only when the evidence shows
 * other objects of that kind; otherwise it is "not among the objects shown", a weaker finding.
 */
public final class ReferenceCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("configmap-missing", "configmap-key-missing", "secret-missing", "secret-key-missing",
                "image-pull-secret-missing", "serviceaccount-missing", "volume-mount-missing", "namespace-missing");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            for (Volume v : ManifestSet.list(w.spec().getVolumes())) {
                if (v.getConfigMap() != null) {
                    configMap(set, w, v.getConfigMap().getName(), keys(v.getConfigMap().getItems()),
                            v.getConfigMap().getOptional(), out);
                }
                if (v.getSecret() != null) {
                    secret(set, w, v.getSecret().getSecretName(), keys(v.getSecret().getItems()),
                            v.getSecret().getOptional(), out);
                }
                if (v.getProjected() != null) {
                    for (VolumeProjection p : ManifestSet.list(v.getProjected().getSources())) {
                        if (p.getConfigMap() != null) {
                            configMap(set, w, p.getConfigMap().getName(), keys(p.getConfigMap().getItems()),
                                    p.getConfigMap().getOptional(), out);
                        }
                        if (p.getSecret() != null) {
                            secret(set, w, p.getSecret().getName(), keys(p.getSecret().getItems()),
                                    p.getSecret().getOptional(), out);
                        }
                    }
                }
            }
            Set<String> volumes = new HashSet<>();
            ManifestSet.list(w.spec().getVolumes()).forEach(v -> volumes.add(v.getName()));
            // a StatefulSet's volumeClaimTemplates are volumes of its pods too, named after the template
            if (w.owner() instanceof StatefulSet sts && sts.getSpec() != null) {
                ManifestSet.list(sts.getSpec().getVolumeClaimTemplates()).stream()
                        .filter(t -> t.getMetadata() != null).forEach(t -> volumes.add(t.getMetadata().getName()));
            }
            for (Container c : w.allContainers()) {
                for (EnvFromSource ef : ManifestSet.list(c.getEnvFrom())) {
                    if (ef.getConfigMapRef() != null) {
                        configMap(set, w, ef.getConfigMapRef().getName(), List.of(),
                                ef.getConfigMapRef().getOptional(), out);
                    }
                    if (ef.getSecretRef() != null) {
                        secret(set, w, ef.getSecretRef().getName(), List.of(), ef.getSecretRef().getOptional(), out);
                    }
                }
                for (EnvVar env : ManifestSet.list(c.getEnv())) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    ConfigMapKeySelector cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null) {
                        configMap(set, w, cm.getName(), List.of(Selectors.nz(cm.getKey())), cm.getOptional(), out);
                    }
                    SecretKeySelector sk = env.getValueFrom().getSecretKeyRef();
                    if (sk != null) {
                        secret(set, w, sk.getName(), List.of(Selectors.nz(sk.getKey())), sk.getOptional(), out);
                    }
                }
                for (VolumeMount m : ManifestSet.list(c.getVolumeMounts())) {
                    if (m.getName() != null && !volumes.contains(m.getName())) {
                        out.add(Finding.of("volume-mount-missing", w.ref(), "container " + c.getName() + " of "
                                + w.title() + " mounts volume " + m.getName() + " at " + m.getMountPath()
                                + " but the pod defines " + (volumes.isEmpty() ? "no volumes" : "only " + volumes),
                                true, "container", c.getName(), "volume", m.getName(), "namespace", w.namespace(),
                                "workload", w.ref()));
                    }
                }
            }
            boolean secretsShown = set.shows("Secret");
            for (LocalObjectReference ips : ManifestSet.list(w.spec().getImagePullSecrets())) {
                String name = ips.getName();
                if (name != null && !name.isEmpty() && set.find("Secret", name, w.namespace()) == null) {
                    out.add(Finding.of("image-pull-secret-missing", w.ref(), w.title() + " pulls with imagePullSecret "
                            + name + (secretsShown ? " but the Secrets are " + set.names("Secret")
                            : ", which is not among the objects shown"), secretsShown, "secret", name,
                            "namespace", w.namespace(), "workload", w.ref()));
                }
            }
            String sa = w.spec().getServiceAccountName() != null ? w.spec().getServiceAccountName()
                    : w.spec().getServiceAccount();
            if (sa != null && !sa.isEmpty() && !sa.equals("default")
                    && set.find("ServiceAccount", sa, w.namespace()) == null) {
                boolean shown = set.shows("ServiceAccount");
                out.add(Finding.of("serviceaccount-missing", w.ref(), w.title() + " runs as ServiceAccount " + sa
                        + (shown ? " but the ServiceAccounts are " + set.names("ServiceAccount")
                        : ", which is not among the objects shown"), shown, "serviceaccount", sa,
                        "namespace", w.namespace(), "workload", w.ref()));
            }
        }
        if (set.shows("Namespace")) {
            for (HasMetadata o : set.objects()) {
                String ns = ManifestSet.namespace(o);
                if (!ns.isEmpty() && set.find("Namespace", ns, null) == null && !ns.startsWith("kube-")
                        && !ns.equals("default")) {
                    out.add(Finding.of("namespace-missing", o.getKind().toLowerCase(java.util.Locale.ROOT) + "/"
                            + ManifestSet.name(o), o.getKind() + " " + ManifestSet.name(o) + " is in namespace " + ns
                            + " but the Namespaces are " + set.names("Namespace"), true, "namespace", ns));
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> keys(List<KeyToPath> items) {
        List<String> out = new ArrayList<>();
        for (KeyToPath k : ManifestSet.list(items)) {
            out.add(Selectors.nz(k.getKey()));
        }
        return out;
    }

    private static void configMap(ManifestSet set, Workload w, String name, List<String> keys, Boolean optional,
                                  List<Finding> out) {
        if (name == null || name.isEmpty() || Boolean.TRUE.equals(optional)) {
            return;
        }
        HasMetadata found = set.find("ConfigMap", name, w.namespace());
        if (!(found instanceof ConfigMap cm)) {
            boolean shown = set.shows("ConfigMap");
            out.add(Finding.of("configmap-missing", w.ref(), w.title() + " uses ConfigMap " + name
                    + (shown ? " but the ConfigMaps are " + set.names("ConfigMap")
                    : ", which is not among the objects shown"), shown, "configmap", name,
                    "namespace", w.namespace(), "workload", w.ref()));
            return;
        }
        Map<String, String> data = ManifestSet.map(cm.getData());
        Map<String, String> binary = ManifestSet.map(cm.getBinaryData());
        for (String k : keys) {
            if (!k.isEmpty() && !data.containsKey(k) && !binary.containsKey(k)) {
                out.add(Finding.of("configmap-key-missing", w.ref(), w.title() + " reads key " + k + " of ConfigMap "
                        + name + ", which has only " + data.keySet(), true, "configmap", name, "key", k,
                        "namespace", w.namespace(), "workload", w.ref()));
            }
        }
    }

    private static void secret(ManifestSet set, Workload w, String name, List<String> keys, Boolean optional,
                               List<Finding> out) {
        if (name == null || name.isEmpty() || Boolean.TRUE.equals(optional)) {
            return;
        }
        HasMetadata found = set.find("Secret", name, w.namespace());
        if (!(found instanceof Secret s)) {
            boolean shown = set.shows("Secret");
            out.add(Finding.of("secret-missing", w.ref(), w.title() + " uses Secret " + name
                    + (shown ? " but the Secrets are " + set.names("Secret")
                    : ", which is not among the objects shown"), shown, "secret", name,
                    "namespace", w.namespace(), "workload", w.ref()));
            return;
        }
        Set<String> present = new HashSet<>(ManifestSet.map(s.getData()).keySet());
        present.addAll(ManifestSet.map(s.getStringData()).keySet());
        for (String k : keys) {
            if (!k.isEmpty() && !present.contains(k)) {
                out.add(Finding.of("secret-key-missing", w.ref(), w.title() + " reads key " + k + " of Secret "
                        + name + ", which has only " + present, true, "secret", name, "key", k,
                        "keys", present.size() == 1 ? present.iterator().next() : null,
                        "namespace", w.namespace(), "workload", w.ref()));
            }
        }
    }
}
