package dev.metakube.eval;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a recurrence of a scenario: the same fault in new dress. Every object name, host, address and image found
 * in the incident is renamed, quantities and ports are changed, and the symptoms are reworded with a small synonym
 * table. The same renaming is applied to the ground truth (root cause, keywords, fix), so that a diagnosis of the
 * variant is graded by the variant's own names. Deterministic: the same scenario and seed give the same variant.
 *
 * <p>Kubernetes vocabulary (system namespaces and components, well-known registries and domains, exit codes,
 * status codes, versions) is left alone: it is part of the fault, not of its dress.
 */
public final class NewDress {
    private static final String NAME = "[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?";
    private static final Pattern KIND_NAME = Pattern.compile("(?i)\\b(?:pods?|deployments?|deploy|statefulsets?|sts"
            + "|daemonsets?|ds|replicasets?|rs|jobs?|cronjobs?|services?|svc|secrets?|configmaps?|cm"
            + "|serviceaccounts?|sa|pvc|persistentvolumeclaims?|pv|persistentvolumes?|nodes?|ingress(?:es)?"
            + "|namespaces?|ns|storageclass(?:es)?|sc|roles?|clusterroles?|rolebindings?|clusterrolebindings?"
            + "|networkpolic(?:y|ies)|hpa|horizontalpodautoscalers?)"
            + "(?:\\.(?:apps|batch|extensions|policy|autoscaling|networking\\.k8s\\.io"
            + "|rbac\\.authorization\\.k8s\\.io|storage\\.k8s\\.io))?(?:/| \"| ')(" + NAME
            + ")(?-i)(?=[\"'\\s,.:;)]|$)");
    private static final Pattern KEY_NAME = Pattern.compile("(?im)^[\\s-]*(?:name|namespace|serviceAccountName"
            + "|serviceAccount|secretName|claimName|storageClassName|nodeName|node|configMapName|release"
            + "|app|app\\.kubernetes\\.io/name|app\\.kubernetes\\.io/instance|k8s-app|component)\\s*[:=]\\s*[\"']?("
            + NAME + ")(?-i)[\"']?\\s*(?:/.*)?$");
    private static final Pattern LABEL = Pattern.compile("\\b(?:app|name|release|k8s-app|instance|component)=("
            + NAME + ")\\b");
    private static final Pattern ASSIGNED = Pattern.compile("assigned (" + NAME + ")/(" + NAME + ") to (" + NAME
            + ")");
    private static final Pattern NS_FLAG = Pattern.compile("(?:\\s-n\\s+|--namespace[= ])(" + NAME + ")\\b");
    private static final Pattern SVC_HOST = Pattern.compile("\\b(" + NAME.replace(".", "") + ")\\.("
            + NAME.replace(".", "") + ")\\.svc\\b");
    private static final Pattern IMAGE = Pattern.compile("(?i)(?:image:\\s*|image \"|image '|Image:\\s+|"
            + "pulling image \"|pull image \")\"?((?-i)[a-z0-9][a-z0-9._/:@-]*[a-z0-9])");
    private static final Pattern HOST = Pattern.compile(
            "\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|dev|local|internal|cloud|example)\\b");
    private static final Pattern IP = Pattern.compile("\\b(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?i)\\b(\\d+)(Ki|Mi|Gi|Ti|KiB|MiB|GiB|TiB|KB|MB|GB|TB|m)\\b");
    private static final Pattern PORT = Pattern.compile(
            "(?i)(?:port|containerPort|targetPort|hostPort|nodePort)[\"']?\\s*[:=]\\s*(\\d{4,5})\\b"
                    + "|(?<=[a-z0-9]):(\\d{4,5})\\b");
    /** Names that are Kubernetes vocabulary or plain words, never renamed. */
    private static final Set<String> KEEP = Set.of("default", "kube-system", "kube-public", "kube-node-lease",
            "kubernetes", "kubelet", "kube-proxy", "kube-dns", "coredns", "etcd", "http", "https", "tcp", "udp",
            "grpc", "metrics", "true", "false", "none", "null", "localhost", "latest", "main", "master", "app", "web",
            "data", "config", "cache", "tmp", "root", "admin", "the", "and", "for", "not", "was", "with", "from",
            "that", "this", "has", "have", "had", "been", "are", "its", "any", "all", "can", "will", "node", "nodes",
            "pod", "pods", "service", "secret", "default-token", "is", "in", "on", "to", "of", "a", "an", "it",
            "be", "as", "at", "by", "or", "if", "no", "yes", "found", "failed", "error", "running", "pending",
            "ready", "status", "name", "namespace", "container", "containers", "image", "volume", "volumes",
            "spec", "metadata", "controller", "manager", "scheduler", "apiserver", "ingress", "nginx", "docker",
            "containerd", "cri-o", "calico", "flannel", "cilium", "weave", "helm", "kubectl", "kubeadm", "local",
            "standard", "gp2", "gp3", "hostpath", "local-path", "cluster-admin", "edit", "view", "system");
    private static final Set<String> KNOWN_DOMAINS = Set.of("k8s.io", "kubernetes.io", "docker.io", "docker.com",
            "gcr.io", "ghcr.io", "quay.io", "github.com", "githubusercontent.com", "golang.org", "googleapis.com",
            "k8s.gcr.io", "registry.k8s.io", "mcr.microsoft.com", "amazonaws.com", "cluster.local", "helm.sh",
            "example.com");
    private static final List<String> WORDS = List.of("amber", "birch", "cobalt", "delta", "ember", "fjord",
            "garnet", "harbor", "indigo", "jasper", "kelp", "lumen", "maple", "nimbus", "onyx", "pebble", "quartz",
            "raven", "sable", "tundra", "umber", "vesper", "willow", "yarrow", "zephyr", "atlas", "beacon",
            "cinder", "dune", "ferro", "glacier", "heron", "iris", "juniper", "kestrel", "larch", "mistral");
    private static final String[][] SYNONYMS = {
        {"keeps crashing", "crashes over and over"}, {"crashes", "falls over"}, {"crashing", "falling over"},
        {"restarts", "gets restarted"}, {"never starts", "does not come up"}, {"fails", "breaks"},
        {"failing", "breaking"}, {"failed", "broke"}, {"cannot", "is unable to"}, {"can't", "is unable to"},
        {"unable to", "not able to"}, {"stuck", "hung"}, {"stopped working", "went down"},
        {"does not", "doesn't"}, {"is not", "isn't"}, {"after", "following"}, {"slow", "sluggish"},
        {"times out", "runs into a timeout"}, {"shows", "reports"}, {"keeps", "continues"},
        {"because", "since"}, {"every", "each"}, {"immediately", "right away"}, {"starts", "comes up"},
    };

    private final Random random;
    private final Map<String, String> names = new LinkedHashMap<>();

    private NewDress(Random random) {
        this.random = random;
    }

    /** The recurrence of {@code s} in new dress, its id suffixed with {@code "~recurrence"}. */
    public static Scenario variant(Scenario s, long seed) {
        NewDress d = new NewDress(new Random(seed * 31 + s.id().hashCode()));
        d.collect(s);
        return d.apply(s);
    }

    /** The renaming a variant applies, for tests and reports: original to new, in order found. */
    public static Map<String, String> renaming(Scenario s, long seed) {
        NewDress d = new NewDress(new Random(seed * 31 + s.id().hashCode()));
        d.collect(s);
        return Map.copyOf(d.names);
    }

    private void collect(Scenario s) {
        StringBuilder all = new StringBuilder(s.symptoms()).append('\n');
        for (Evidence e : s.evidence()) {
            all.append(e.source()).append('\n').append(e.text()).append('\n');
        }
        String text = all.toString();
        ClusterContext c = s.context();
        List<String> found = new ArrayList<>();
        if (c != null) {
            found.add(c.namespace());
            found.add(c.name());
            found.addAll(c.labels().values());
        }
        for (Pattern p : List.of(KIND_NAME, KEY_NAME, LABEL, NS_FLAG)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        Matcher assigned = ASSIGNED.matcher(text);
        while (assigned.find()) {
            for (int g = 1; g <= 3; g++) {
                found.add(assigned.group(g));
            }
        }
        Matcher svc = SVC_HOST.matcher(text);
        while (svc.find()) {
            found.add(svc.group(1));
            found.add(svc.group(2));
        }
        Matcher img = IMAGE.matcher(text);
        while (img.find()) {
            image(img.group(1));
        }
        Matcher host = HOST.matcher(text);
        while (host.find()) {
            hostName(host.group());
        }
        // shortest first, so that a longer name built on a shorter one (a pod on its workload) keeps the relation
        found.sort(Comparator.comparingInt(String::length));
        for (String n : found) {
            name(n);
        }
        Matcher ip = IP.matcher(text);
        while (ip.find()) {
            if (!ip.group(1).equals("0") && !ip.group(1).equals("127") && !names.containsKey(ip.group())) {
                names.put(ip.group(), ip.group(1) + "." + ip.group(2) + "." + (1 + random.nextInt(250)) + "."
                        + (2 + random.nextInt(250)));
            }
        }
        int factor = 2 + random.nextInt(3);
        Matcher q = QUANTITY.matcher(text);
        while (q.find()) {
            long n = Long.parseLong(q.group(1));
            if (n > 0 && !names.containsKey(q.group())) {
                names.put(q.group(), n * factor + q.group(2));
            }
        }
        int shift = 1 + random.nextInt(9);
        Matcher p = PORT.matcher(text);
        while (p.find()) {
            String port = p.group(1) != null ? p.group(1) : p.group(2);
            if (!names.containsKey(port) && Integer.parseInt(port) + shift < 65536) {
                names.put(port, Integer.toString(Integer.parseInt(port) + shift));
            }
        }
    }

    private void name(String n) {
        if (n == null || n.length() < 3 || names.containsKey(n) || KEEP.contains(n) || n.startsWith("kube-")
                || n.matches("v?\\d+(\\.\\d+)*") || n.endsWith(".yaml") || n.endsWith(".conf")) {
            return;
        }
        for (Map.Entry<String, String> e : new ArrayList<>(names.entrySet())) {
            String old = e.getKey();
            if (n.startsWith(old + "-") && old.length() >= 3) {
                names.put(n, e.getValue() + "-" + shuffled(n.substring(old.length() + 1)));
                return;
            }
        }
        String fresh;
        do {
            fresh = n.indexOf('-') < 0 && n.indexOf('.') < 0 ? word() : word() + "-" + word();
        } while (names.containsValue(fresh));
        names.put(n, fresh);
    }

    private void image(String ref) {
        if (names.containsKey(ref)) {
            return;
        }
        String rest = ref;
        String tag = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String[] parts = rest.split("/");
        StringBuilder fresh = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean registry = i == 0 && parts.length > 1 && (part.contains(".") || part.contains(":"));
            String renamed;
            if (registry) {
                renamed = known(part) ? part : hostName(part);
            } else if (i == parts.length - 1 && part.matches("[a-z]+")) {
                renamed = part; // the software itself (nginx, postgres): part of the fault
            } else if (KEEP.contains(part) || part.equals("library")) {
                renamed = part;
            } else {
                name(part);
                renamed = names.getOrDefault(part, part);
            }
            fresh.append(i == 0 ? "" : "/").append(renamed);
        }
        if (!tag.isEmpty()) {
            String newTag = tag;
            // a tag that marks one build (a release candidate, a commit) is renamed; plain versions are kept
            if (tag.matches(".*\\d.*") && (tag.matches(".*[a-uw-z-].*") || tag.matches("[0-9a-f]{7,}"))) {
                newTag = renumbered(tag);
                names.putIfAbsent(tag, newTag);
            }
            fresh.append(':').append(newTag);
        }
        names.put(ref, fresh.toString());
    }

    private String hostName(String host) {
        if (known(host)) {
            return host;
        }
        String existing = names.get(host);
        if (existing != null) {
            return existing;
        }
        String tld = host.substring(host.lastIndexOf('.') + 1);
        String fresh = word() + "-" + word() + "." + (tld.equals("local") || tld.equals("internal") ? tld : "net");
        names.put(host, fresh);
        return fresh;
    }

    private static boolean known(String host) {
        String h = host.replaceFirst(":\\d+$", "");
        for (String d : KNOWN_DOMAINS) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    private String word() {
        return WORDS.get(random.nextInt(WORDS.size()));
    }

    private String shuffled(String suffix) {
        StringBuilder b = new StringBuilder();
        String chars = "bcdfghjklmnpqrstvwxz2456789";
        for (char ch : suffix.toCharArray()) {
            b.append(Character.isLetterOrDigit(ch) ? chars.charAt(random.nextInt(chars.length())) : ch);
        }
        return b.toString();
    }

    private String renumbered(String tag) {
        Matcher m = Pattern.compile("\\d+").matcher(tag);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Integer.toString(Integer.parseInt(m.group().length() > 6 ? "7" : m.group())
                    + 1 + random.nextInt(5)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private Scenario apply(Scenario s) {
        List<Evidence> evidence = new ArrayList<>();
        for (Evidence e : s.evidence()) {
            evidence.add(new Evidence(e.kind(), rename(e.source()), rename(e.text())));
        }
        ClusterContext c = s.context();
        ClusterContext context = null;
        if (c != null) {
            Map<String, String> labels = new LinkedHashMap<>();
            c.labels().forEach((k, v) -> labels.put(k, rename(v)));
            context = new ClusterContext(rename(c.namespace()), c.kind(), rename(c.name()), c.kubernetesVersion(),
                    labels);
        }
        return new Scenario(s.id() + "~recurrence", s.category(), reword(rename(s.symptoms())), evidence, context,
                rename(s.rootCause()), renameAll(s.rootCauseKeywords()), renameAll(s.fixKeywords()),
                renameAll(s.causalChain()), rename(s.fix()), s.fault(), s.source());
    }

    private List<String> renameAll(List<String> in) {
        List<String> out = new ArrayList<>(in.size());
        in.forEach(x -> out.add(rename(x)));
        return out;
    }

    /** Applies the renaming, longest name first, on whole tokens, ignoring case (keywords are lower case). */
    String rename(String text) {
        if (text == null || text.isEmpty() || names.isEmpty()) {
            return text;
        }
        List<String> keys = new ArrayList<>(names.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alt = new StringBuilder();
        for (String k : keys) {
            alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(k));
        }
        Pattern p = Pattern.compile("(?i)(?<![A-Za-z0-9])(?:" + alt + ")(?![A-Za-z0-9])");
        Map<String, String> lower = new LinkedHashMap<>();
        names.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        Matcher m = p.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = lower.get(m.group().toLowerCase(Locale.ROOT));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Rewords the symptoms in one pass, so that no replacement is reworded again. */
    private static String reword(String symptoms) {
        Map<String, String> table = new LinkedHashMap<>();
        StringBuilder alt = new StringBuilder();
        for (String[] pair : SYNONYMS) {
            table.put(pair[0], pair[1]);
            alt.append(alt.length() == 0 ? "" : "|").append(Pattern.quote(pair[0]));
        }
        Matcher m = Pattern.compile("(?i)\\b(?:" + alt + ")\\b").matcher(symptoms);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = table.get(m.group().toLowerCase(Locale.ROOT));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
