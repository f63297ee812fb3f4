package dev.metakube.api;

import java.util.Map;

/**
 * Where an incident happened. Every field is optional: absent values are empty strings.
 *
 * @param namespace         the namespace of the affected object
 * @param kind              the kind of the affected object ({@code Pod}, {@code Deployment}...)
 * @param name              its name
 * @param kubernetesVersion the cluster version, e.g. {@code "1.29"}
 * @param labels            labels of the affected object or cluster (environment, team...)
 */
public record ClusterContext(String namespace, String kind, String name, String kubernetesVersion,
                             Map<String, String> labels) {
    /** No context known. */
    public static final ClusterContext EMPTY = new ClusterContext("", "", "", "", Map.of());

    public ClusterContext {
        namespace = Require.orEmpty(namespace);
        kind = Require.orEmpty(kind);
        name = Require.orEmpty(name);
        kubernetesVersion = Require.orEmpty(kubernetesVersion);
        labels = Require.map(labels, "context.labels");
    }

    /**
     * How well this context (an incident's) agrees with {@code other} (a memory's): the mean agreement of
     * namespace, kind, Kubernetes version and labels, in [0, 1]. A component unknown on either side counts 0.5;
     * versions that share the major version count 0.5.
     */
    public double compatibility(ClusterContext other) {
        double ns = same(namespace, other.namespace);
        double k = same(kind, other.kind);
        double version;
        if (kubernetesVersion.isEmpty() || other.kubernetesVersion.isEmpty()) {
            version = 0.5;
        } else if (kubernetesVersion.equals(other.kubernetesVersion)) {
            version = 1;
        } else {
            version = major(kubernetesVersion).equals(major(other.kubernetesVersion)) ? 0.5 : 0;
        }
        int shared = 0;
        int agree = 0;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            String o = other.labels.get(l.getKey());
            if (o != null) {
                shared++;
                if (o.equals(l.getValue())) {
                    agree++;
                }
            }
        }
        double labelAgreement = shared == 0 ? 0.5 : (double) agree / shared;
        return (ns + k + version + labelAgreement) / 4;
    }

    private static double same(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0.5;
        }
        return a.equalsIgnoreCase(b) ? 1 : 0;
    }

    private static String major(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }
}
