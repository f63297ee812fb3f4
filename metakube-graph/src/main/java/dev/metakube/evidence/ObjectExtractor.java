package dev.metakube.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names of the Kubernetes objects an incident's text mentions (pod, namespace, node, configmap...),
 * from the phrasing of kubelet, scheduler, controller and {@code kubectl} messages. Each pattern is selected by
 * an anchor phrase and runs on one bounded line; names are restricted to DNS-label characters.
 */
final class ObjectExtractor {
    private static final String NAME = "([a-z0-9][a-z0-9.-]{0,252})";

    private record Rule(String anchor, Pattern pattern, String object, int group) {
    }

    private static final List<Rule> RULES = List.of(
            rule("name:", "^Name:[ \\t]{1,40}" + NAME, "name", 1),
            rule("namespace:", "^Namespace:[ \\t]{1,40}" + NAME, "namespace", 1),
            rule("-n ", "[ \\t]-n[ \\t]{1,5}" + NAME, "namespace", 1),
            rule("--namespace", "--namespace[= ]" + NAME, "namespace", 1),
            rule("pod/", "\\bpods?/" + NAME, "pod", 1),
            rule("pod \"", "\\b[Pp]ods? \"" + NAME + "\"", "pod", 1),
            rule("pod ", "\\b(?:in|of|for) pod \"?([a-z0-9][a-z0-9.]{0,120}-[a-z0-9.-]{1,130})", "pod", 1),
            rule("describe pod", "describe pods? " + NAME, "pod", 1),
            rule("logs ", "kubectl logs (?:-[a-z] )?" + NAME, "pod", 1),
            rule("deployment", "\\bdeployments?(?:\\.apps)?(?:/| \")" + NAME, "deployment", 1),
            rule("statefulset", "\\bstatefulsets?(?:\\.apps)?(?:/| \")" + NAME, "statefulset", 1),
            rule("daemonset", "\\bdaemonsets?(?:\\.apps)?(?:/| \")" + NAME, "daemonset", 1),
            rule("replicaset/", "\\bReplicaSet/" + NAME, "replicaset", 1),
            rule("replicaset/", "\\breplicaset(?:\\.apps)?/" + NAME, "replicaset", 1),
            rule("node:", "^Node:[ \\t]{1,40}" + NAME + "/", "node", 1),
            rule("node/", "\\bnodes?/" + NAME, "node", 1),
            rule("node \"", "\\b[Nn]odes? \"" + NAME + "\"", "node", 1),
            rule("assigned ", "[Ss]uccessfully assigned [a-z0-9-]{1,63}/[a-z0-9.-]{1,253} to " + NAME, "node", 1),
            rule("container", "failed container \"?([a-z0-9][a-z0-9-]{0,62})", "container", 1),
            rule("container", "\\b[Cc]ontainer \"([a-z0-9][a-z0-9-]{0,62})\"", "container", 1),
            rule("container", "\\bcontainer[ \\t]{1,5}([a-z0-9][a-z0-9-]{0,62})[ \\t]{1,5}(?:in|of|was|failed|exited|is)\\b",
                    "container", 1),
            rule("image", "\\b[Ii]mage \"([^\"\\s]{1,512})\"", "image", 1),
            rule("image:", "^[ \\t]{0,20}Image:[ \\t]{1,40}(\\S{1,512})", "image", 1),
            rule("image:", "^[ \\t]{0,20}-?[ \\t]{0,3}image:[ \\t]{1,10}\"?([^\"\\s]{1,512})", "image", 1),
            rule("configmap", "\\b[Cc]onfig[Mm]aps? \"" + NAME + "\"", "configmap", 1),
            rule("configmap", "\\b[Cc]onfig[Mm]ap [a-z0-9-]{1,63}/" + NAME, "configmap", 1),
            rule("secret", "\\b[Ss]ecrets? \"" + NAME + "\"", "secret", 1),
            rule("secret", "\\bSecret [a-z0-9-]{1,63}/" + NAME, "secret", 1),
            rule("secretname:", "SecretName:[ \\t]{1,40}" + NAME, "secret", 1),
            rule("find key", "find key ([A-Za-z0-9._-]{1,253})", "key", 1),
            rule("key \"", "\\bkey \"([A-Za-z0-9._-]{1,253})\"", "key", 1),
            rule("persistentvolumeclaim", "\\b[Pp]ersistent[Vv]olume[Cc]laims? \"" + NAME + "\"", "pvc", 1),
            rule("claimname:", "ClaimName:[ \\t]{1,40}" + NAME, "pvc", 1),
            rule("pvc/", "\\bpvc/" + NAME, "pvc", 1),
            rule("storageclass", "\\bstorageclass(?:\\.storage\\.k8s\\.io)? \"" + NAME + "\"", "storageclass", 1),
            rule("storageclass:", "StorageClass:[ \\t]{1,40}" + NAME, "storageclass", 1),
            rule("service", "\\b(?:service|services|endpoints) \"" + NAME + "\"", "service", 1),
            rule("svc/", "\\bsvc/" + NAME, "service", 1),
            rule("service/", "\\bservice/" + NAME, "service", 1),
            rule("serviceaccount", "\\bserviceaccounts? \"" + NAME + "\"", "serviceaccount", 1),
            rule("system:serviceaccount:", "system:serviceaccount:([a-z0-9-]{1,63}):" + NAME, "serviceaccount", 2),
            rule("system:serviceaccount:", "system:serviceaccount:([a-z0-9-]{1,63}):", "namespace", 1),
            rule("lookup ", "\\blookup ([A-Za-z0-9][A-Za-z0-9.-]{0,252}?)(?: on |: |\\s|$)", "host", 1),
            rule("resolve host", "[Rr]esolve host:? '?([A-Za-z0-9][A-Za-z0-9.-]{0,252})", "host", 1),
            rule("enotfound", "ENOTFOUND ([A-Za-z0-9][A-Za-z0-9.-]{0,252})", "host", 1),
            rule("unknownhost", "UnknownHostException: ([A-Za-z0-9][A-Za-z0-9.-]{0,252})", "host", 1),
            rule("ingress", "\\bingress(?:es)?(?:\\.networking\\.k8s\\.io)?(?:/| \")" + NAME, "ingress", 1),
            rule("priorityclass", "PriorityClass with name " + NAME, "priorityclass", 1),
            rule("webhook", "webhook \"([a-z0-9][a-z0-9.-]{0,252})\"", "webhook", 1),
            rule("exceeded quota", "exceeded quota: " + NAME, "quota", 1),
            rule("cannot ", "cannot ([a-z]{2,20}) resource \"([a-z0-9.-]{1,63})\"", "verb", 1),
            rule("cannot ", "cannot [a-z]{2,20} resource \"([a-z0-9.-]{1,63})\"", "resource", 1),
            rule("taint", "taint \\{([^}]{1,200})\\}", "taint", 1));

    private static Rule rule(String anchor, String regex, String object, int group) {
        return new Rule(anchor, Pattern.compile(regex), object, group);
    }

    private final PhraseAutomaton anchors;

    ObjectExtractor() {
        List<String> phrases = new ArrayList<>();
        for (Rule r : RULES) {
            phrases.add(r.anchor());
        }
        anchors = new PhraseAutomaton(phrases);
    }

    /** Objects found in one line, kind to name, first occurrence per kind. */
    void extract(String line, Map<String, String> into) {
        boolean[] hit = new boolean[anchors.size()];
        if (!anchors.scan(line, hit)) {
            return;
        }
        for (int i = 0; i < RULES.size(); i++) {
            Rule r = RULES.get(i);
            if (!hit[i] || into.containsKey(r.object())) {
                continue;
            }
            Matcher m = r.pattern().matcher(line);
            if (m.find()) {
                String v = m.group(r.group());
                if (v != null && !v.isBlank() && !v.equals("none") && !v.startsWith("[redacted")) {
                    into.put(r.object(), strip(v));
                }
            }
        }
    }

    private static String strip(String v) {
        String s = v;
        while (!s.isEmpty() && (s.endsWith(".") || s.endsWith(":") || s.endsWith(","))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Derived objects: a Deployment from its ReplicaSet, the registry from the image, the pod from "Name:". */
    static void derive(Map<String, String> objects, boolean describesPod) {
        String name = objects.remove("name");
        if (name != null && describesPod) {
            objects.putIfAbsent("pod", name);
        }
        String rs = objects.get("replicaset");
        if (rs != null && !objects.containsKey("deployment")) {
            int dash = rs.lastIndexOf('-');
            if (dash > 0) {
                objects.put("deployment", rs.substring(0, dash));
            }
        }
        String pod = objects.get("pod");
        if (pod != null && !objects.containsKey("deployment")) {
            // pods of a Deployment are named <deployment>-<rs hash>-<5 chars>
            String[] parts = pod.split("-");
            if (parts.length >= 3 && parts[parts.length - 1].length() == 5 && parts[parts.length - 2].length() >= 6
                    && parts[parts.length - 2].length() <= 10) {
                objects.put("deployment", String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2)));
            }
        }
        String image = objects.get("image");
        if (image != null) {
            int slash = image.indexOf('/');
            if (slash > 0) {
                String host = image.substring(0, slash);
                if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
                    objects.putIfAbsent("registry", host.toLowerCase(Locale.ROOT));
                }
            }
            objects.putIfAbsent("registry", "docker.io");
        }
        String workload = objects.containsKey("deployment") ? "deployment/" + objects.get("deployment")
                : objects.containsKey("statefulset") ? "statefulset/" + objects.get("statefulset")
                : objects.containsKey("daemonset") ? "daemonset/" + objects.get("daemonset") : null;
        if (workload != null) {
            objects.putIfAbsent("workload", workload);
        }
    }

    /** A stable order of the extracted map (insertion order). */
    static Map<String, String> ordered() {
        return new LinkedHashMap<>();
    }
}
