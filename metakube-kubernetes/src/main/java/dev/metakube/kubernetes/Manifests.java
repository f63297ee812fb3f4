package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Collection;
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
    static String yaml(KubernetesSerialization serialization, Collection<HasMetadata> objects) {
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
            if ("Node".equals(o.getKind()) && m.get("status") instanceof Map<?, ?> st) {
                st.remove("images");
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
