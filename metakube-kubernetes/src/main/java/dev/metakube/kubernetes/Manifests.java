package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Objects as multi-document YAML, without the fields that are noise or may carry secrets. */
final class Manifests {
    /** What stands in for every value of a Secret: its keys are kept, never its values. */
    static final String NOT_COLLECTED = "(value not collected)";
    private static final int MAX_CONFIG_VALUE = 512;

    private Manifests() {
    }

    /**
     * A Secret reduced to its name, namespace, type and key names. Labels and annotations are dropped too:
     * {@code kubectl apply} keeps the whole object, values included, in an annotation.
     */
    static Secret keysOnly(Secret s) {
        if (s == null) {
            return null;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>();
        if (s.getData() != null) {
            names.addAll(s.getData().keySet());
        }
        if (s.getStringData() != null) {
            names.addAll(s.getStringData().keySet());
        }
        names.forEach(k -> keys.put(k, NOT_COLLECTED));
        return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(s.getMetadata().getName())
                .withNamespace(s.getMetadata().getNamespace()).build()).withType(s.getType()).withData(keys).build();
    }

    @SuppressWarnings("unchecked")
    /**
     * The node label keys the Pods' placement depends on (nodeSelector, node affinity), and the hostname. Other node
     * labels are noise to a reader and to evidence analysis ({@code kubernetes.io/arch=amd64} reads like an
     * architecture problem).
     */
    static Set<String> nodeLabelKeys(Collection<Pod> pods) {
        Set<String> keys = new TreeSet<>();
        keys.add("kubernetes.io/hostname");
        for (Pod p : pods) {
            if (p.getSpec() == null) {
                continue;
            }
            if (p.getSpec().getNodeSelector() != null) {
                keys.addAll(p.getSpec().getNodeSelector().keySet());
            }
            var affinity = p.getSpec().getAffinity();
            if (affinity != null && affinity.getNodeAffinity() != null) {
                var required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
                if (required != null && required.getNodeSelectorTerms() != null) {
                    required.getNodeSelectorTerms().forEach(t -> {
                        if (t.getMatchExpressions() != null) {
                            t.getMatchExpressions().forEach(e -> keys.add(e.getKey()));
                        }
                    });
                }
            }
        }
        return keys;
    }

    static Map<String, String> only(Map<String, String> labels, Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (keys.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Whether a node condition says something: Ready always, the others only when not plainly False. */
    static boolean telling(NodeCondition c) {
        return "Ready".equals(c.getType()) || !"False".equals(c.getStatus());
    }

    @SuppressWarnings("unchecked") // a serialized object is a JSON map
    static String yaml(KubernetesSerialization serialization, Collection<HasMetadata> objects,
                       Set<String> nodeLabelKeys) {
        StringBuilder b = new StringBuilder();
        for (HasMetadata o : objects) {
            Map<String, Object> m = serialization.convertValue(o, Map.class);
            Object meta = m.get("metadata");
            if (meta instanceof Map<?, ?> md) {
                Map<String, Object> metadata = (Map<String, Object>) md;
                metadata.remove("managedFields");
                metadata.remove("uid");
                metadata.remove("resourceVersion");
                metadata.remove("generation");
                if (metadata.get("annotations") instanceof Map<?, ?> a) {
                    a.remove("kubectl.kubernetes.io/last-applied-configuration");
                    if (a.isEmpty()) {
                        metadata.remove("annotations");
                    }
                }
            }
            if (o instanceof Node n) {
                Map<String, Object> metadata = (Map<String, Object>) m.get("metadata");
                metadata.put("labels", only(n.getMetadata().getLabels(), nodeLabelKeys));
                metadata.remove("annotations");
            }
            if ("Node".equals(o.getKind()) && m.get("status") instanceof Map<?, ?> st) {
                if (st.get("conditions") instanceof java.util.List<?> conditions && o instanceof Node n) {
                    ((Map<String, Object>) st).put("conditions", conditions.stream().filter(x -> n.getStatus()
                            .getConditions().stream().anyMatch(c -> telling(c)
                                    && c.getType().equals(((Map<?, ?>) x).get("type")))).toList());
                }
                st.remove("images");
                st.remove("nodeInfo");
                st.remove("daemonEndpoints");
                st.remove("volumesAttached");
                st.remove("volumesInUse");
            }
            if ("ConfigMap".equals(o.getKind()) && m.get("data") instanceof Map<?, ?> data) {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) data).entrySet()) {
                    String v = String.valueOf(e.getValue());
                    if (v.length() > MAX_CONFIG_VALUE) {
                        e.setValue(v.substring(0, MAX_CONFIG_VALUE) + "\n[... " + (v.length() - MAX_CONFIG_VALUE)
                                + " more characters]");
                    }
                }
                m.remove("binaryData");
            }
            String y = serialization.asYaml(m);
            if (!y.startsWith("---")) {
                b.append("---\n");
            }
            b.append(y);
            if (!y.endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }
}
