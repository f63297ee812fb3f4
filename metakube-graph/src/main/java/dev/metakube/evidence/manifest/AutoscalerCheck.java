package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HorizontalPodAutoscalers against their target: a target the evidence does not show while it shows workloads,
 * and a resource utilization metric (cpu, memory) on containers that request none of it, which the autoscaler
 * cannot compute ({@code FailedGetResourceMetric}).
 */
public final class AutoscalerCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("hpa-target-missing", "hpa-missing-requests");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (HasMetadata o : set.objects()) {
            if (!"HorizontalPodAutoscaler".equals(o.getKind()) || !(o instanceof GenericKubernetesResource hpa)) {
                continue;
            }
            Map<String, Object> spec = asMap(hpa.getAdditionalProperties().get("spec"));
            Map<String, Object> ref = asMap(spec.get("scaleTargetRef"));
            String kind = String.valueOf(ref.getOrDefault("kind", ""));
            String target = String.valueOf(ref.getOrDefault("name", ""));
            String name = ManifestSet.name(hpa);
            if (target.isEmpty()) {
                continue;
            }
            Workload w = null;
            for (Workload c : set.workloads()) {
                if (c.kind().equals(kind) && c.name().equals(target)) {
                    w = c;
                }
            }
            if (w == null) {
                if (set.shows(kind)) {
                    out.add(Finding.of("hpa-target-missing", "horizontalpodautoscaler/" + name,
                            "HorizontalPodAutoscaler " + name + " scales " + kind + " " + target + " but the "
                            + kind + "s are " + set.names(kind), true, "hpa", name, "workload",
                            kind.toLowerCase(java.util.Locale.ROOT) + "/" + target));
                }
                continue;
            }
            for (String resource : resourceMetrics(spec)) {
                for (Container c : w.containers()) {
                    boolean requested = c.getResources() != null && c.getResources().getRequests() != null
                            && c.getResources().getRequests().containsKey(resource);
                    if (!requested) {
                        out.add(Finding.of("hpa-missing-requests", "horizontalpodautoscaler/" + name,
                                "HorizontalPodAutoscaler " + name + " scales " + w.title() + " on " + resource
                                + " utilization but container " + c.getName() + " has no " + resource + " request"
                                + " (resources.requests." + resource + "), so the utilization, a share of the"
                                + " request, cannot be computed", true, "hpa", name,
                                "container", c.getName(), "resource", resource, "workload", w.ref(),
                                "namespace", w.namespace()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** cpu/memory utilization metrics of autoscaling/v1 and v2. */
    private static List<String> resourceMetrics(Map<String, Object> spec) {
        List<String> out = new ArrayList<>();
        if (spec.get("targetCPUUtilizationPercentage") != null) {
            out.add("cpu");
        }
        if (spec.get("metrics") instanceof List<?> metrics) {
            for (Object m : metrics) {
                Map<String, Object> metric = asMap(m);
                Map<String, Object> res = asMap(metric.get("resource"));
                Object n = res.get("name");
                Map<String, Object> tgt = asMap(res.get("target"));
                boolean utilization = res.containsKey("targetAverageUtilization")
                        || "Utilization".equals(tgt.get("type")) || tgt.containsKey("averageUtilization");
                if (n != null && utilization && !out.contains(n.toString())) {
                    out.add(n.toString());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
