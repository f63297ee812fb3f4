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
}
