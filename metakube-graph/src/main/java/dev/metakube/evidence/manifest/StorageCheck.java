package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Claims against StorageClasses (a class that is not there; no class and nothing shown to bind the claim), pods
 * against claims, local PersistentVolumes against the nodes.
 */
public final class StorageCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("storageclass-missing", "pvc-missing", "pv-node-affinity-mismatch", "pvc-unbound-no-class");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<PersistentVolumeClaim> claims = new ArrayList<>(set.ofKind(PersistentVolumeClaim.class));
        for (StatefulSet sts : set.ofKind(StatefulSet.class)) {
            if (sts.getSpec() != null) {
                claims.addAll(ManifestSet.list(sts.getSpec().getVolumeClaimTemplates()));
            }
        }
        boolean classesShown = set.shows("StorageClass");
        for (PersistentVolumeClaim pvc : claims) {
            String sc = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
            if ((sc == null || sc.isEmpty()) && pvc.getSpec() != null && pvc.getSpec().getVolumeName() == null
                    && !set.shows("PersistentVolume")) {
                unbound(pvc, sc, classesShown, out);
                continue;
            }
            if (sc == null || sc.isEmpty() || set.find("StorageClass", sc, null) != null) {
                continue;
            }
            String name = ManifestSet.name(pvc);
            out.add(Finding.of("storageclass-missing", "persistentvolumeclaim/" + name, "PersistentVolumeClaim "
                    + name + " asks for StorageClass " + sc + (classesShown ? " but the StorageClasses are "
                    + set.names("StorageClass") : ", which is not among the objects shown"), classesShown,
                    "pvc", name, "storageclass", sc, "namespace", ManifestSet.namespace(pvc)));
        }
        if (set.shows("PersistentVolumeClaim")) {
            for (Workload w : set.workloads()) {
                for (Volume v : ManifestSet.list(w.spec().getVolumes())) {
                    String claim = v.getPersistentVolumeClaim() == null ? null
                            : v.getPersistentVolumeClaim().getClaimName();
                    if (claim != null && !claim.isEmpty()
                            && set.find("PersistentVolumeClaim", claim, w.namespace()) == null) {
                        out.add(Finding.of("pvc-missing", w.ref(), w.title() + " mounts PersistentVolumeClaim " + claim
                                + " but the claims are " + set.names("PersistentVolumeClaim"), true, "pvc", claim,
                                "namespace", w.namespace(), "workload", w.ref()));
                    }
                }
            }
        }
        List<Node> nodes = set.ofKind(Node.class);
        if (!nodes.isEmpty()) {
            for (PersistentVolume pv : set.ofKind(PersistentVolume.class)) {
                if (pv.getSpec() == null || pv.getSpec().getNodeAffinity() == null
                        || pv.getSpec().getNodeAffinity().getRequired() == null) {
                    continue;
                }
                List<NodeSelectorTerm> terms = ManifestSet.list(
                        pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms());
                boolean any = terms.isEmpty();
                for (Node n : nodes) {
                    for (NodeSelectorTerm t : terms) {
                        any |= Selectors.termFits(t, ManifestSet.labels(n));
                    }
                }
                if (!any) {
                    String name = ManifestSet.name(pv);
                    out.add(Finding.of("pv-node-affinity-mismatch", "persistentvolume/" + name, "PersistentVolume "
                            + name + " can only be used on nodes matching " + describe(terms) + " but none of the "
                            + nodes.size() + " nodes " + set.names("Node") + " does", true, "pv", name,
                            "node", ManifestSet.name(nodes.get(0))));
                }
            }
        }
        return out;
    }

    /**
     * A claim that names no class: {@code storageClassName: ""} turns dynamic provisioning off (only a
     * pre-created PersistentVolume without a class can bind it); no field at all needs a default StorageClass.
     * With no PersistentVolume shown (and, for the latter, no StorageClass), nothing shown can bind it: a weak
     * finding, since the cluster may have what the evidence does not show.
     */
    private static void unbound(PersistentVolumeClaim pvc, String sc, boolean classesShown, List<Finding> out) {
        String name = ManifestSet.name(pvc);
        String why;
        if (sc != null) {
            why = " sets storageClassName to an empty string, which turns dynamic provisioning off (the default"
                    + " class is not used): only a pre-created PersistentVolume without a class can bind it";
        } else if (!classesShown) {
            why = " sets no storageClassName, so it needs a default StorageClass or a matching PersistentVolume";
        } else {
            return;
        }
        out.add(Finding.of("pvc-unbound-no-class", "persistentvolumeclaim/" + name, "PersistentVolumeClaim " + name
                + why + ", and no PersistentVolume is among the objects shown, so the claim stays unbound", false,
                "pvc", name, "namespace", ManifestSet.namespace(pvc)));
    }

    private static String describe(List<NodeSelectorTerm> terms) {
        List<String> out = new ArrayList<>();
        for (NodeSelectorTerm t : terms) {
            ManifestSet.list(t.getMatchExpressions()).forEach(r -> out.add(r.getKey() + " " + r.getOperator() + " "
                    + ManifestSet.list(r.getValues())));
        }
        return String.join(" and ", out);
    }
}
