package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Label, node and taint matching as the API server and scheduler do it. */
final class Selectors {
    private Selectors() {
    }

    /** Equality selector (Service, nodeSelector): every pair present; an empty selector selects nothing here. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A LabelSelector; an empty one selects everything, a null one nothing. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> ml = selector.getMatchLabels();
        if (ml != null && !ml.isEmpty() && !matches(ml, labels)) {
            return false;
        }
        for (LabelSelectorRequirement r : ManifestSet.list(selector.getMatchExpressions())) {
            if (!expression(r.getKey(), r.getOperator(), r.getValues(), labels)) {
                return false;
            }
        }
        return true;
    }

    static boolean expression(String key, String op, List<String> values, Map<String, String> labels) {
        String actual = labels.get(key);
        List<String> v = ManifestSet.list(values);
        return switch (op == null ? "" : op) {
            case "In" -> actual != null && v.contains(actual);
            case "NotIn" -> actual == null || !v.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            case "Gt", "Lt" -> {
                try {
                    long a = Long.parseLong(actual);
                    long b = Long.parseLong(v.isEmpty() ? "" : v.get(0));
                    yield op.equals("Gt") ? a > b : a < b;
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
            default -> true;
        };
    }

    /** Whether a node with these labels satisfies the pod's nodeSelector and required node affinity. */
    static boolean nodeFits(PodSpec spec, Map<String, String> nodeLabels) {
        Map<String, String> ns = spec.getNodeSelector();
        if (ns != null && !ns.isEmpty() && !matches(ns, nodeLabels)) {
            return false;
        }
        List<NodeSelectorTerm> terms = requiredTerms(spec);
        if (terms.isEmpty()) {
            return true;
        }
        for (NodeSelectorTerm t : terms) {
            if (termFits(t, nodeLabels)) {
                return true;
            }
        }
        return false;
    }

    static boolean termFits(NodeSelectorTerm t, Map<String, String> nodeLabels) {
        for (NodeSelectorRequirement r : ManifestSet.list(t.getMatchExpressions())) {
            if (!expression(r.getKey(), r.getOperator(), r.getValues(), nodeLabels)) {
                return false;
            }
        }
        return true;
    }

    static List<NodeSelectorTerm> requiredTerms(PodSpec spec) {
        if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
                || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return List.of();
        }
        return ManifestSet.list(spec.getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms());
    }

    /** Whether a toleration of the pod covers the taint. */
    static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        for (Toleration t : ManifestSet.list(tolerations)) {
            String op = t.getOperator() == null ? "Equal" : t.getOperator();
            String key = t.getKey() == null ? "" : t.getKey();
            boolean keyOk = key.isEmpty() && op.equals("Exists") || key.equals(taint.getKey());
            boolean valueOk = op.equals("Exists") || nz(t.getValue()).equals(nz(taint.getValue()));
            boolean effectOk = nz(t.getEffect()).isEmpty() || nz(t.getEffect()).equals(taint.getEffect());
            if (keyOk && valueOk && effectOk) {
                return true;
            }
        }
        return false;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** {@code a=1,b=2}. */
    static String pairs(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return "(no labels)";
        }
        StringJoiner j = new StringJoiner(",");
        m.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** {@code a=1,b=2} for a LabelSelector (expressions as key op values). */
    static String pairs(LabelSelector s) {
        if (s == null) {
            return "(none)";
        }
        StringJoiner j = new StringJoiner(",");
        ManifestSet.map(s.getMatchLabels()).forEach((k, v) -> j.add(k + "=" + v));
        for (LabelSelectorRequirement r : ManifestSet.list(s.getMatchExpressions())) {
            j.add(r.getKey() + " " + r.getOperator() + " " + ManifestSet.list(r.getValues()));
        }
        String out = j.toString();
        return out.isEmpty() ? "(all pods)" : out;
    }
}
