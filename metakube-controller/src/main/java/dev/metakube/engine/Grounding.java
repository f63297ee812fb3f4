package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Incident;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a diagnosis tied to its incident: finds object names in a root cause that the incident never mentions
 * (a cause recalled from another incident carries that incident's names), measures how strongly the incident's
 * own evidence supports the chosen cause, and says what evidence to collect next. Stateless.
 */
final class Grounding {
    /** What replaces a name that is not in the incident. */
    static final String GENERIC_NAME = "the affected object";
    /**
     * Object-like tokens: Kubernetes names (DNS-1123 labels and subdomains) with at least one hyphen or dot, the
     * form of generated pod names, workloads, hosts and images.
     */
    private static final Pattern OBJECT_LIKE = Pattern.compile(
            "(?<![A-Za-z0-9_./:-])[a-z0-9](?:[a-z0-9]{0,62})(?:[-.][a-z0-9]{1,63}){1,12}(?![A-Za-z0-9_-])");
    /** A one-word name in quotes ({@code label 'tier'}); unquoted single words are too often plain English. */
    private static final Pattern QUOTED = Pattern.compile("['\"`]([a-z][a-z0-9]{2,62})['\"`]");
    /** Kinds of objects, whose neighbouring word is a name. */
    private static final Set<String> KINDS = Set.of("pod", "pods", "deployment", "deployments", "service", "services",
            "configmap", "secret", "namespace", "daemonset", "statefulset", "job", "cronjob", "ingress", "pvc",
            "persistentvolumeclaim", "storageclass", "serviceaccount", "container", "containers", "release", "chart",
            "node", "nodes", "host", "image", "registry", "replicaset", "label", "key", "volume", "database", "bucket");
    /** Words that follow a kind of object without being its name. */
    private static final Set<String> NOT_NAMES = Set.of("the", "and", "that", "this", "was", "were", "has", "have",
            "had", "not", "are", "is", "its", "their", "with", "from", "for", "which", "cannot", "can", "does",
            "did", "will", "would", "never", "keeps", "stays", "fails", "failed", "restarts", "template", "spec",
            "name", "names", "selector", "selectors", "labels", "limit", "limits", "requests", "image", "sandbox",
            "level", "count", "exists", "mount", "mounts", "volume", "volumes", "port", "ports", "value", "values",
            "missing", "default", "object", "objects", "running", "pending", "ready", "status", "logs", "events",
            "config", "data", "ref", "reference", "references", "policy", "rules", "account", "class", "kind",
            "itself", "pool", "pressure", "affinity", "selectorlabels", "true", "false", "required", "runs", "uses");
    private static final Pattern VERSION_OR_NUMBER = Pattern.compile("v?\\d+(?:[.-]\\d+)*[a-z]?");
    /** Words of Kubernetes and of English written with hyphens, never object names. */
    private static final Set<String> GENERIC = Set.of("kube-system", "kube-public", "kube-proxy", "kube-dns",
            "kube-apiserver", "kube-scheduler", "kube-controller-manager", "out-of-memory", "read-only", "non-root",
            "run-as-non-root", "re-create", "re-run", "well-known", "built-in", "cross-namespace", "cluster-wide",
            "node-local", "pre-stop", "post-start", "init-container", "sub-path", "e.g", "i.e", "k8s.io",
            "x-forwarded-for", "user-agent", "content-type", "third-party", "up-to-date", "end-to-end", "long-running",
            "short-lived", "high-availability", "self-signed", "multi-attach", "back-off", "crash-loop", "per-pod",
            "per-node", "node-role.kubernetes.io", "kubernetes.io", "apps.v1", "networking.k8s.io", "higher-priority",
            "lower-priority", "high-priority", "low-priority", "best-effort", "oom-kill", "oom-kills", "oom-killed",
            "rbac.authorization.k8s.io", "storage.k8s.io", "metrics.k8s.io", "docker.io", "localhost.localdomain", "multi-arch",
            "multi-platform", "registry.k8s.io", "k8s.gcr.io", "gcr.io", "quay.io", "ghcr.io");

    private Grounding() {
    }

    /**
     * The object-like tokens of {@code rootCause} that appear neither in the incident's text nor in
     * {@code generic} texts (the causal graph's own knowledge, which names no user object).
     */
    static Set<String> foreignNames(String rootCause, String incidentText, Collection<String> generic) {
        Set<String> out = new LinkedHashSet<>();
        String incident = incidentText.toLowerCase(Locale.ROOT);
        String known = String.join("\n", generic).toLowerCase(Locale.ROOT);
        String lower = rootCause.toLowerCase(Locale.ROOT);
        Matcher m = OBJECT_LIKE.matcher(lower);
        while (m.find()) {
            String token = trimDots(m.group());
            if (token.length() < 3 || GENERIC.contains(token) || VERSION_OR_NUMBER.matcher(token).matches()
                    || (token.indexOf('-') < 0 && token.indexOf('.') < 0) || !namesAnObject(lower, m, token)) {
                continue;
            }
            if (!incident.contains(token) && !known.contains(token)) {
                out.add(token);
            }
        }
        Matcher n = QUOTED.matcher(rootCause);
        while (n.find()) {
            String token = n.group(1).toLowerCase(Locale.ROOT);
            if (!NOT_NAMES.contains(token) && !containsWord(incident, token) && !containsWord(known, token)) {
                out.add(token);
            }
        }
        return out;
    }

    /**
     * Whether a hyphenated or dotted token is used as a name rather than as a compound word ("crash-looping"):
     * it has a digit (generated names, hosts, versions of images), is quoted, or stands next to a kind of object.
     */
    private static boolean namesAnObject(String text, Matcher m, String token) {
        if (token.chars().anyMatch(Character::isDigit)) {
            return true;
        }
        int start = m.start();
        int end = m.start() + token.length();
        if ((start > 0 && "'\"`".indexOf(text.charAt(start - 1)) >= 0)
                || (end < text.length() && "'\"`".indexOf(text.charAt(end)) >= 0)) {
            return true;
        }
        String before = text.substring(Math.max(0, start - 40), start).strip();
        String after = text.substring(end, Math.min(text.length(), end + 40)).strip();
        String previous = before.isEmpty() ? "" : before.substring(before.lastIndexOf(' ') + 1);
        int space = after.indexOf(' ');
        String next = (space < 0 ? after : after.substring(0, space)).replaceAll("[^a-z]", "");
        return KINDS.contains(previous) || KINDS.contains(next);
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(word) + "(?![a-z0-9])").matcher(text).find();
    }

    /** {@code rootCause} with every foreign name replaced by a generic word. */
    static String replaceNames(String rootCause, Set<String> foreign) {
        String out = rootCause;
        for (String name : foreign) {
            out = Pattern.compile("(?i)(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])").matcher(out)
                    .replaceAll(Matcher.quoteReplacement(GENERIC_NAME));
        }
        return out;
    }

    private static String trimDots(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * How strongly the incident's own evidence supports {@code chain}: the strongest of its supporting signals,
     * raised a little by each further independent one (an {@code OOMKilled} reason, exit code 137 and a memory
     * limit together are stronger than any one). Object mentions support nothing by themselves. In [0, 1].
     */
    static double support(CausalChain chain, List<Signal> signals) {
        if (chain == null) {
            return 0;
        }
        // a chain lists its support as signal keys, or as "key: excerpt"
        Set<String> keys = new java.util.HashSet<>();
        for (String e : chain.evidence()) {
            int colon = e.indexOf(": ");
            keys.add(colon < 0 ? e : e.substring(0, colon));
        }
        double miss = 1;
        double best = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (Signal s : signals) {
            if (s.kind() == SignalKind.OBJECT || !keys.contains(s.key()) || !seen.add(s.key())) {
                continue;
            }
            best = Math.max(best, s.strength());
            miss *= 1 - 0.5 * s.strength();
        }
        return seen.isEmpty() ? 0 : Math.min(1, Math.max(best, 1 - miss));
    }

    /**
     * The next evidence to collect, as {@code kubectl} commands naming the incident's namespace, pod and
     * workload when it gives them (placeholders otherwise).
     */
    static List<RemediationStep> nextEvidence(Incident incident) {
        ClusterContext c = incident.context();
        String ns = c.namespace().isBlank() ? "<namespace>" : c.namespace();
        String kind = c.kind().isBlank() ? "pod" : c.kind().toLowerCase(Locale.ROOT);
        String name = c.name().isBlank() ? "<name>" : c.name();
        boolean pod = kind.equals("pod");
        List<RemediationStep> out = new ArrayList<>();
        out.add(new RemediationStep("Collect the object's state and recent events",
                "kubectl describe " + kind + " " + name + " -n " + ns, false));
        out.add(new RemediationStep("Collect the events of the namespace, newest last",
                "kubectl get events -n " + ns + " --sort-by=.lastTimestamp", false));
        out.add(new RemediationStep("Collect the logs, including the previous container's",
                pod ? "kubectl logs " + name + " -n " + ns + " --all-containers --previous"
                        : "kubectl logs " + kind + "/" + name + " -n " + ns + " --all-containers", false));
        out.add(new RemediationStep("Collect the manifest as the cluster has it",
                "kubectl get " + kind + " " + name + " -n " + ns + " -o yaml", false));
        return out;
    }
}
