package dev.metakube.kubernetes;

import dev.metakube.api.InvalidInputException;
import java.util.Locale;
import java.util.Map;

/**
 * The object an incident is about: a kind, a namespace and a name.
 *
 * @param kind      the canonical kind ({@code Pod}, {@code Deployment}, {@code StatefulSet}, {@code DaemonSet},
 *                  {@code ReplicaSet}, {@code Job}, {@code CronJob}, {@code Service}, {@code PersistentVolumeClaim}
 *                  or {@code Node})
 * @param namespace its namespace; empty for a Node
 * @param name      its name
 */
public record ObjectRef(String kind, String namespace, String name) {
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("pod", "Pod"), Map.entry("pods", "Pod"), Map.entry("po", "Pod"),
            Map.entry("deployment", "Deployment"), Map.entry("deployments", "Deployment"), Map.entry("deploy", "Deployment"),
            Map.entry("statefulset", "StatefulSet"), Map.entry("statefulsets", "StatefulSet"), Map.entry("sts", "StatefulSet"),
            Map.entry("daemonset", "DaemonSet"), Map.entry("daemonsets", "DaemonSet"), Map.entry("ds", "DaemonSet"),
            Map.entry("replicaset", "ReplicaSet"), Map.entry("replicasets", "ReplicaSet"), Map.entry("rs", "ReplicaSet"),
            Map.entry("job", "Job"), Map.entry("jobs", "Job"),
            Map.entry("cronjob", "CronJob"), Map.entry("cronjobs", "CronJob"), Map.entry("cj", "CronJob"),
            Map.entry("service", "Service"), Map.entry("services", "Service"), Map.entry("svc", "Service"),
            Map.entry("persistentvolumeclaim", "PersistentVolumeClaim"),
            Map.entry("persistentvolumeclaims", "PersistentVolumeClaim"), Map.entry("pvc", "PersistentVolumeClaim"),
            Map.entry("node", "Node"), Map.entry("nodes", "Node"), Map.entry("no", "Node"));

    public ObjectRef {
        if (kind == null || !KINDS.containsValue(kind)) {
            throw new InvalidInputException("kind", "'" + kind + "' is not a kind MetaKube collects; expected one of "
                    + new java.util.TreeSet<>(KINDS.values()));
        }
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "the " + kind + " needs a name");
        }
        namespace = kind.equals("Node") || namespace == null || namespace.isBlank()
                ? (kind.equals("Node") ? "" : "default") : namespace;
    }

    /** A Pod. */
    public static ObjectRef pod(String namespace, String name) {
        return new ObjectRef("Pod", namespace, name);
    }

    /**
     * Parses {@code KIND/NAME} as {@code kubectl} writes it ({@code deployment/web}, {@code sts/db}, {@code pod/x}).
     *
     * @throws InvalidInputException when the text has no slash or names an unknown kind
     */
    public static ObjectRef parse(String kindSlashName, String namespace) {
        int slash = kindSlashName == null ? -1 : kindSlashName.indexOf('/');
        if (slash <= 0 || slash == kindSlashName.length() - 1) {
            throw new InvalidInputException("workload", "expected KIND/NAME such as deployment/web, got '"
                    + kindSlashName + "'");
        }
        String kind = KINDS.get(kindSlashName.substring(0, slash).toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new InvalidInputException("workload", "unknown kind '" + kindSlashName.substring(0, slash)
                    + "'; expected one of " + new java.util.TreeSet<>(KINDS.keySet()));
        }
        return new ObjectRef(kind, namespace, kindSlashName.substring(slash + 1));
    }

    /** {@code kind/name} in lower case, as {@code kubectl} prints it. */
    public String path() {
        return kind.toLowerCase(Locale.ROOT) + "/" + name;
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? path() : path() + " -n " + namespace;
    }
}
