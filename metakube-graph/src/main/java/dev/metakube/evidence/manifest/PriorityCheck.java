package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pod priority: a workload whose PriorityClass (shown, with a positive value) ranks it above other workloads
 * shown that request resources too. When they compete for a node, the scheduler preempts (evicts) the lower
 * ones to place it. A weak finding: whether they compete depends on nodes the evidence may not show.
 */
public final class PriorityCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("preemption-by-priority");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload high : set.workloads()) {
            String className = high.spec().getPriorityClassName();
            long priority = value(set, high);
            if (priority <= 0) {
                continue;
            }
            for (Workload low : set.workloads()) {
                if (low == high || value(set, low) >= priority || !requests(low)) {
                    continue;
                }
                out.add(Finding.of("preemption-by-priority", low.ref(), high.title() + " runs at PriorityClass "
                        + className + " (value " + priority + ") above " + low.title() + ": when they compete"
                        + " for a node, the scheduler preempts " + low.title() + " to place " + high.title(), false,
                        "priorityclass", className, "workload", low.ref(), "namespace", low.namespace()));
                return out;
            }
        }
        return out;
    }

    /** The value of the workload's PriorityClass when it is shown; 0 (the default priority) otherwise. */
    private static long value(ManifestSet set, Workload w) {
        String name = w.spec().getPriorityClassName();
        HasMetadata found = name == null ? null : set.find("PriorityClass", name, null);
        if (found instanceof GenericKubernetesResource g && g.getAdditionalProperties().get("value") instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }

    private static boolean requests(Workload w) {
        return w.allContainers().stream().anyMatch(c -> c.getResources() != null
                && c.getResources().getRequests() != null && !c.getResources().getRequests().isEmpty());
    }
}
