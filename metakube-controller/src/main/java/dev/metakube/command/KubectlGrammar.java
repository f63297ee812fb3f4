package dev.metakube.command;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kubectl} accepts: verbs with their subcommands and flags, resource kinds with their short names.
 * Covers the commands a remediation uses; custom resources are accepted in their group-qualified form
 * ({@code certificates.cert-manager.io}) and for a few widely installed operators by name.
 */
final class KubectlGrammar {
    /** Flags every verb takes. */
    static final Set<String> GLOBAL_FLAGS = Set.of("-n", "--namespace", "--context", "--kubeconfig", "--cluster",
            "--user", "--as", "--as-group", "--request-timeout", "-v", "--v", "--server", "-s", "--token",
            "--insecure-skip-tls-verify", "--certificate-authority", "--help", "-h");

    /** Flags that take a value when not written with {@code =}. */
    static final Set<String> VALUE_FLAGS = setOf("-n", "--namespace", "--context", "--kubeconfig", "--cluster",
            "--user", "--as", "--as-group", "--request-timeout", "-v", "--v", "--server", "-s", "--token",
            "--certificate-authority", "-o", "--output", "-l", "--selector", "--field-selector", "-f", "--filename",
            "-k", "--kustomize", "--sort-by", "-L", "--label-columns", "-c", "--container", "--tail", "--since",
            "--since-time", "--grace-period", "--replicas", "--current-replicas", "--timeout", "--type", "-p",
            "--patch", "--patch-file", "--to-revision", "--revision", "--image", "--restart", "--env", "-e",
            "--port", "--target-port", "--name", "--min", "--max", "--cpu-percent", "--for", "--raw", "--limits",
            "--requests", "--field-manager", "--chunk-size", "--subresource", "--pod-selector", "--overrides",
            "--serviceaccount", "--target", "--profile", "--address", "--resource-version", "--max-log-requests",
            "--limit-bytes", "--template", "--from", "--from-literal", "--from-file", "--from-env-file",
            "--docker-server", "--docker-username", "--docker-password", "--docker-email", "--clusterrole",
            "--role", "--verb", "--resource", "--resource-name", "--group", "--hard", "--value", "--protocol",
            "--external-ip", "--load-balancer-ip", "--session-affinity", "--pod-running-timeout",
            "--skip-wait-for-delete-timeout", "--labels", "--annotations", "--image-pull-policy", "--copy-to",
            "--set-image", "--types", "--api-group", "--api-version", "--verbs", "--keys", "--prefix",
            "--containers", "--schedule", "--duration", "--min-available", "--max-unavailable", "--description",
            "--preemption-policy", "--rule", "--class", "--default-backend", "--tcp", "--accept-hosts",
            "--retries");

    private static final Set<String> OUTPUT_FLAGS = Set.of("-o", "--output", "--template", "--show-managed-fields",
            "--allow-missing-template-keys");
    private static final Set<String> SELECT_FLAGS = Set.of("-l", "--selector", "--field-selector", "-A",
            "--all-namespaces", "--all", "-f", "--filename", "-k", "--kustomize", "-R", "--recursive");
    private static final Set<String> APPLY_FLAGS = Set.of("--dry-run", "--server-side", "--field-manager",
            "--force-conflicts", "--record", "--validate", "--overwrite", "--save-config", "--prune", "--wait",
            "--timeout", "--force", "--grace-period");

    /** Verbs that take a resource kind (or type/name) as their first argument. */
    static final Set<String> RESOURCE_VERBS = Set.of("get", "describe", "delete", "edit", "patch", "label",
            "annotate", "scale", "expose", "autoscale", "explain", "wait", "rollout", "set");

    private static final Map<String, Set<String>> VERB_FLAGS = new HashMap<>();
    private static final Map<String, Set<String>> SUBCOMMANDS = Map.of(
            "rollout", Set.of("status", "restart", "undo", "history", "pause", "resume"),
            "set", Set.of("image", "env", "resources", "selector", "serviceaccount", "subject"),
            "top", Set.of("node", "nodes", "no", "pod", "pods", "po"),
            "auth", Set.of("can-i", "reconcile", "whoami"),
            "certificate", Set.of("approve", "deny"),
            "config", Set.of("view", "current-context", "use-context", "get-contexts", "set-context",
                    "get-clusters", "set-cluster", "set-credentials", "unset", "delete-context"),
            "create", Set.of("namespace", "ns", "secret", "configmap", "cm", "serviceaccount", "sa", "role",
                    "rolebinding", "clusterrole", "clusterrolebinding", "quota", "priorityclass", "pdb",
                    "poddisruptionbudget", "job", "cronjob", "deployment", "deploy", "service", "svc", "token",
                    "ingress", "-f", "--filename"));

    static {
        flags("get", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("-w", "--watch", "--watch-only", "--show-labels", "-L",
                "--label-columns", "--sort-by", "--no-headers", "--show-kind", "--chunk-size", "--raw",
                "--subresource", "--ignore-not-found", "--output-watch-events"));
        flags("describe", SELECT_FLAGS, Set.of("--show-events", "--chunk-size"));
        flags("delete", SELECT_FLAGS, Set.of("--force", "--grace-period", "--cascade", "--now", "--wait",
                "--timeout", "--ignore-not-found", "--dry-run", "-o", "--output", "--raw", "-i", "--interactive"));
        flags("logs", SELECT_FLAGS, Set.of("-c", "--container", "-p", "--previous", "--tail", "--since",
                "--since-time", "--timestamps", "-f", "--follow", "--all-containers", "--prefix",
                "--max-log-requests", "--limit-bytes", "--ignore-errors", "--pod-running-timeout"));
        flags("apply", OUTPUT_FLAGS, SELECT_FLAGS, APPLY_FLAGS);
        flags("create", OUTPUT_FLAGS, SELECT_FLAGS, APPLY_FLAGS, Set.of("--from-literal", "--from-file",
                "--from-env-file", "--docker-server", "--docker-username", "--docker-password", "--docker-email",
                "--clusterrole", "--role", "--serviceaccount", "--verb", "--resource", "--resource-name", "--user",
                "--group", "--hard", "--value", "--image", "--replicas", "--port", "--from", "--tcp", "--schedule",
                "--duration", "--min-available", "--max-unavailable", "--type", "--global-default",
                "--description", "--preemption-policy", "--rule", "--class", "--default-backend"));
        flags("replace", OUTPUT_FLAGS, SELECT_FLAGS, APPLY_FLAGS, Set.of("--cascade"));
        flags("edit", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--record", "--validate", "--save-config",
                "--field-manager", "--subresource", "--windows-line-endings"));
        flags("patch", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("-p", "--patch", "--patch-file", "--type", "--dry-run",
                "--record", "--local", "--field-manager", "--subresource"));
        flags("rollout", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--to-revision", "--revision", "-w", "--watch",
                "--timeout", "--dry-run"));
        flags("scale", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--replicas", "--current-replicas", "--timeout",
                "--resource-version", "--record", "--dry-run"));
        flags("autoscale", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--min", "--max", "--cpu-percent", "--name",
                "--dry-run", "--record"));
        flags("set", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("-c", "--containers", "--limits", "--requests", "--env",
                "-e", "--from", "--keys", "--prefix", "--overwrite", "--resolve", "--local", "--dry-run", "--record",
                "--list", "--serviceaccount", "--group", "--user"));
        flags("label", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--overwrite", "--list", "--local", "--dry-run",
                "--resource-version"));
        flags("annotate", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--overwrite", "--list", "--local", "--dry-run",
                "--resource-version"));
        flags("expose", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--port", "--target-port", "--type", "--name",
                "--protocol", "--external-ip", "--load-balancer-ip", "--session-affinity", "--dry-run"));
        flags("run", OUTPUT_FLAGS, Set.of("--image", "--restart", "--rm", "-i", "--stdin", "-t", "--tty", "--env",
                "--port", "--labels", "--command", "--overrides", "--image-pull-policy", "--dry-run", "-l",
                "--attach", "--annotations", "--privileged", "--expose", "--serviceaccount"));
        flags("exec", Set.of("-c", "--container", "-i", "--stdin", "-t", "--tty", "-q", "--quiet",
                "--pod-running-timeout", "-f", "--filename"));
        flags("attach", Set.of("-c", "--container", "-i", "--stdin", "-t", "--tty", "-q", "--quiet"));
        flags("cp", Set.of("-c", "--container", "--no-preserve", "--retries"));
        flags("port-forward", Set.of("--address", "--pod-running-timeout"));
        flags("top", Set.of("-l", "--selector", "-A", "--all-namespaces", "--containers", "--sort-by",
                "--no-headers", "--use-protocol-buffers", "--show-capacity", "--field-selector", "--sum"));
        flags("cordon", Set.of("-l", "--selector", "--dry-run"));
        flags("uncordon", Set.of("-l", "--selector", "--dry-run"));
        flags("drain", Set.of("-l", "--selector", "--pod-selector", "--ignore-daemonsets", "--delete-emptydir-data",
                "--delete-local-data", "--force", "--grace-period", "--timeout", "--disable-eviction", "--dry-run",
                "--skip-wait-for-delete-timeout", "--chunk-size"));
        flags("taint", OUTPUT_FLAGS, Set.of("-l", "--selector", "--all", "--overwrite", "--dry-run", "--validate"));
        flags("auth", OUTPUT_FLAGS, Set.of("-A", "--all-namespaces", "--list", "--no-headers", "--subresource",
                "-q", "--quiet"));
        flags("certificate", OUTPUT_FLAGS, Set.of("-f", "--filename", "--force"));
        flags("debug", Set.of("-it", "-i", "--stdin", "-t", "--tty", "--image", "--target", "--profile",
                "--copy-to", "--share-processes", "--container", "-c", "--env", "--attach", "-q", "--quiet",
                "--set-image", "--replace", "--same-node"));
        flags("events", OUTPUT_FLAGS, Set.of("-A", "--all-namespaces", "--for", "--types", "-w", "--watch",
                "--no-headers", "--chunk-size"));
        flags("explain", OUTPUT_FLAGS, Set.of("--recursive", "--api-version"));
        flags("wait", OUTPUT_FLAGS, SELECT_FLAGS, Set.of("--for", "--timeout"));
        flags("diff", SELECT_FLAGS, Set.of("--server-side", "--field-manager", "--force-conflicts", "--prune"));
        flags("api-resources", OUTPUT_FLAGS, Set.of("--namespaced", "--api-group", "--verbs", "--no-headers",
                "--sort-by", "--cached"));
        flags("api-versions", Set.of());
        flags("cluster-info", Set.of());
        flags("version", OUTPUT_FLAGS, Set.of("--client", "--short"));
        flags("config", OUTPUT_FLAGS, Set.of("--minify", "--raw", "--flatten", "--current", "--namespace"));
        flags("proxy", Set.of("--port", "--address", "--accept-hosts"));
    }

    private static final Map<String, String> KINDS = new HashMap<>();

    static {
        kind("pods", "pod", "po");
        kind("deployments", "deployment", "deploy");
        kind("replicasets", "replicaset", "rs");
        kind("statefulsets", "statefulset", "sts");
        kind("daemonsets", "daemonset", "ds");
        kind("jobs", "job");
        kind("cronjobs", "cronjob", "cj");
        kind("services", "service", "svc");
        kind("endpoints", "endpoint", "ep");
        kind("endpointslices", "endpointslice");
        kind("ingresses", "ingress", "ing");
        kind("ingressclasses", "ingressclass");
        kind("networkpolicies", "networkpolicy", "netpol");
        kind("configmaps", "configmap", "cm");
        kind("secrets", "secret");
        kind("serviceaccounts", "serviceaccount", "sa");
        kind("persistentvolumeclaims", "persistentvolumeclaim", "pvc");
        kind("persistentvolumes", "persistentvolume", "pv");
        kind("storageclasses", "storageclass", "sc");
        kind("volumeattachments", "volumeattachment");
        kind("csidrivers", "csidriver");
        kind("csinodes", "csinode");
        kind("nodes", "node", "no");
        kind("namespaces", "namespace", "ns");
        kind("events", "event", "ev");
        kind("resourcequotas", "resourcequota", "quota");
        kind("limitranges", "limitrange", "limits");
        kind("horizontalpodautoscalers", "horizontalpodautoscaler", "hpa");
        kind("poddisruptionbudgets", "poddisruptionbudget", "pdb");
        kind("priorityclasses", "priorityclass", "pc");
        kind("roles", "role");
        kind("rolebindings", "rolebinding");
        kind("clusterroles", "clusterrole");
        kind("clusterrolebindings", "clusterrolebinding");
        kind("validatingwebhookconfigurations", "validatingwebhookconfiguration");
        kind("mutatingwebhookconfigurations", "mutatingwebhookconfiguration");
        kind("customresourcedefinitions", "customresourcedefinition", "crd", "crds");
        kind("certificatesigningrequests", "certificatesigningrequest", "csr");
        kind("apiservices", "apiservice");
        kind("leases", "lease");
        kind("runtimeclasses", "runtimeclass");
        kind("controllerrevisions", "controllerrevision");
        kind("componentstatuses", "componentstatus", "cs");
        kind("all");
        // widely installed custom resources (cert-manager, Prometheus operator, Kyverno, VPA)
        kind("certificates", "certificate", "cert", "certs");
        kind("certificaterequests", "certificaterequest", "cr");
        kind("issuers", "issuer");
        kind("clusterissuers", "clusterissuer");
        kind("servicemonitors", "servicemonitor");
        kind("podmonitors", "podmonitor");
        kind("prometheusrules", "prometheusrule");
        kind("prometheuses", "prometheus");
        kind("clusterpolicies", "clusterpolicy");
        kind("policies", "policy");
        kind("verticalpodautoscalers", "verticalpodautoscaler", "vpa");
    }

    private KubectlGrammar() {
    }

    private static Set<String> setOf(String... values) {
        return Set.copyOf(new java.util.HashSet<>(List.of(values)));
    }

    /** Whether a flag written without {@code =} takes the next token as its value. */
    static boolean takesValue(String verb, String flag) {
        if (verb.equals("logs") && (flag.equals("-f") || flag.equals("-p"))) {
            return false; // --follow and --previous
        }
        if (verb.equals("top") && flag.equals("--containers")) {
            return false;
        }
        return VALUE_FLAGS.contains(flag);
    }

    @SafeVarargs
    private static void flags(String verb, Set<String>... sets) {
        java.util.HashSet<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        VERB_FLAGS.put(verb, Set.copyOf(all));
    }

    private static void kind(String plural, String... aliases) {
        KINDS.put(plural, plural);
        for (String a : aliases) {
            KINDS.put(a, plural);
        }
    }

    static boolean isVerb(String verb) {
        return VERB_FLAGS.containsKey(verb);
    }

    static List<String> verbs() {
        return VERB_FLAGS.keySet().stream().sorted().toList();
    }

    /** The subcommands a verb requires, or null when it has none. */
    static Set<String> subcommands(String verb) {
        return SUBCOMMANDS.get(verb);
    }

    static boolean flagAllowed(String verb, String flag) {
        return GLOBAL_FLAGS.contains(flag) || VERB_FLAGS.getOrDefault(verb, Set.of()).contains(flag);
    }

    /**
     * The canonical plural of a resource kind: {@code po}, {@code pod}, {@code pods} all give {@code pods};
     * group-qualified names ({@code certificates.cert-manager.io}, {@code deployments.apps}) are accepted when
     * their first part is a known kind or looks like a plural custom resource. Null when unknown.
     */
    static String canonicalKind(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        String known = KINDS.get(t);
        if (known != null) {
            return known;
        }
        int dot = t.indexOf('.');
        if (dot > 0 && t.indexOf('.', dot + 1) > 0 || dot > 0 && t.substring(dot + 1).matches("[a-z0-9-]+")) {
            String head = t.substring(0, dot);
            String k = KINDS.get(head);
            if (k != null) {
                return k;
            }
            if (head.matches("[a-z0-9]+") && head.endsWith("s")) {
                return t;
            }
        }
        return null;
    }
}
