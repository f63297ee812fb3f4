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

/** Claims against StorageClasses, pods against claims, local PersistentVolumes against the nodes. */
public final class StorageCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("storageclass-missing", "pvc-missing", "pv-node-affinity-mismatch");
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

    private static String describe(List<NodeSelectorTerm> terms) {
        List<String> out = new ArrayList<>();
        for (NodeSelectorTerm t : terms) {
            ManifestSet.list(t.getMatchExpressions()).forEach(r -> out.add(r.getKey() + " " + r.getOperator() + " "
                    + ManifestSet.list(r.getValues())));
        }
        return String.join(" and ", out);
    }
}
