package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pod template with the object that owns it (a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or
 * CronJob).
 *
 * @param owner     the object the template comes from
 * @param replicas  pods wanted (1 when not set)
 * @param labels    the pod labels (never null)
 * @param spec      the pod spec (never null)
 */
public record Workload(HasMetadata owner, int replicas, Map<String, String> labels, PodSpec spec) {
    /** The owner's kind. */
    public String kind() {
        return owner.getKind();
    }

    /** The owner's name. */
    public String name() {
        return ManifestSet.name(owner);
    }

    /** The owner's namespace, empty when the manifest does not say. */
    public String namespace() {
        return ManifestSet.namespace(owner);
    }

    /** {@code deployment/web}. */
    public String ref() {
        return kind().toLowerCase(Locale.ROOT) + "/" + name();
    }

    /** "Deployment web". */
    public String title() {
        return kind() + " " + name();
    }

    /** Init containers then containers. */
    public List<Container> allContainers() {
        List<Container> out = new ArrayList<>(ManifestSet.list(spec.getInitContainers()));
        out.addAll(ManifestSet.list(spec.getContainers()));
        return out;
    }

    /** The app containers. */
    public List<Container> containers() {
        return ManifestSet.list(spec.getContainers());
    }
}
