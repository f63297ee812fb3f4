package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Services against the pods they should select: selector against template labels, targetPort against ports. */
public final class ServiceCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("service-selector-no-match", "service-target-port-mismatch");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Service svc : set.ofKind(Service.class)) {
            if (svc.getSpec() == null || "ExternalName".equals(svc.getSpec().getType())) {
                continue;
            }
            Map<String, String> selector = svc.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            String name = ManifestSet.name(svc);
            String ns = ManifestSet.namespace(svc);
            List<Workload> sameNs = new ArrayList<>();
            List<Workload> selected = new ArrayList<>();
            for (Workload w : set.workloads()) {
                if (ManifestSet.sameNamespace(w.namespace(), ns)) {
                    sameNs.add(w);
                    if (Selectors.matches(selector, w.labels())) {
                        selected.add(w);
                    }
                }
            }
            if (sameNs.isEmpty()) {
                if (set.workloads().isEmpty()) {
                    // only the Service is shown: its selector is the first thing to check against the pods
                    out.add(Finding.of("service-selector-no-match", "service/" + name, "Service " + name
                            + " selects " + Selectors.pairs(selector) + "; no pod among the objects shown has those"
                            + " labels", false, "service", name, "namespace", ns,
                            "selector", Selectors.pairs(selector)));
                }
                continue;
            }
            if (selected.isEmpty()) {
                Workload near = nearest(selector, sameNs);
                out.add(Finding.of("service-selector-no-match", "service/" + name, "Service " + name + " selects "
                        + Selectors.pairs(selector) + " but the pods of " + near.title() + " are labelled "
                        + Selectors.pairs(near.labels()), true, "service", name, "namespace", ns,
                        "selector", Selectors.pairs(selector), "labels", Selectors.pairs(near.labels()),
                        "workload", near.ref(), near.kind().toLowerCase(java.util.Locale.ROOT), near.name()));
                continue;
            }
            for (ServicePort port : ManifestSet.list(svc.getSpec().getPorts())) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort()
                        : port.getPort() == null ? null : new IntOrString(port.getPort());
                if (target == null) {
                    continue;
                }
                boolean declared = false;
                boolean matched = false;
                List<String> exposed = new ArrayList<>();
                Container first = null;
                for (Workload w : selected) {
                    for (Container c : w.containers()) {
                        first = first == null ? c : first;
                        for (ContainerPort cp : ManifestSet.list(c.getPorts())) {
                            declared = true;
                            exposed.add(cp.getContainerPort() + (cp.getName() == null ? "" : "/" + cp.getName()));
                            if (target.getIntVal() != null ? target.getIntVal().equals(cp.getContainerPort())
                                    : String.valueOf(target.getStrVal()).equals(cp.getName())) {
                                matched = true;
                            }
                        }
                    }
                }
                boolean named = target.getIntVal() == null;
                if ((declared || named) && !matched) {
                    Workload w = selected.get(0);
                    String t = named ? target.getStrVal() : String.valueOf(target.getIntVal());
                    out.add(Finding.of("service-target-port-mismatch", "service/" + name, "Service " + name
                            + " sends port " + port.getPort() + " to targetPort " + t + " but the containers of "
                            + w.title() + " expose " + (exposed.isEmpty() ? "no ports" : String.join(", ", exposed)),
                            true, "service", name, "namespace", ns, "port", t,
                            "containerport", exposed.isEmpty() ? null : exposed.get(0).split("/")[0],
                            "container", first == null ? null : first.getName(), "workload", w.ref(),
                            w.kind().toLowerCase(java.util.Locale.ROOT), w.name()));
                }
            }
        }
        return out;
    }

    /** The workload whose labels share the most keys with the selector: the one the Service was meant for. */
    private static Workload nearest(Map<String, String> selector, List<Workload> candidates) {
        Workload best = candidates.get(0);
        int bestScore = -1;
        for (Workload w : candidates) {
            int score = 0;
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (w.labels().containsKey(e.getKey())) {
                    score += 2;
                    String v = w.labels().get(e.getKey());
                    if (v != null && (v.startsWith(e.getValue()) || e.getValue().startsWith(v))) {
                        score++;
                    }
                }
            }
            if (score > bestScore) {
                best = w;
                bestScore = score;
            }
        }
        return best;
    }
}
