package dev.metakube.evidence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds Kubernetes objects from manifests (multi-document YAML, JSON, {@code kind: List}) and checks them
 * against each other. Each finding is a {@link SignalKind#MANIFEST_FINDING} signal whose key is a symptom of the
 * causal graph. A reference to an object of a kind the manifests do not define at all is reported with lower
 * strength: it may exist in the cluster.
 *
 * <p>Checks: Service selectors against Pod templates; Service target ports against container ports; ConfigMaps,
 * Secrets and their keys, ServiceAccounts, StorageClasses, IngressClasses and Ingress backends against what is
 * defined; probe ports and paths; requests against limits and ResourceQuotas; nodeSelector and required node
 * affinity against Node labels, tolerations against Node taints; NetworkPolicies that isolate a Pod; RBAC
 * bindings and rules against the verb and resource a workload was refused; commands and images that cannot work.
 */
final class ManifestChecker {
    private static final int MAX_DOCUMENTS = 2_000;
    private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder().build());

    /** A workload's Pod template with where it came from. */
    private record Template(String kind, String name, String namespace, int replicas, JsonNode labels,
                            JsonNode spec) {
        String ref() {
            return kind.toLowerCase(Locale.ROOT) + "/" + name;
        }
    }

    private final class Run {
        final List<JsonNode> objects = new ArrayList<>();
        final List<Template> templates = new ArrayList<>();
        final Map<String, Signal> findings = new LinkedHashMap<>();
        final Map<String, String> named;

        Run(Map<String, String> named) {
            this.named = named;
        }

        void add(String key, String subject, String message, boolean definite) {
            findings.putIfAbsent(key, new Signal(key, SignalKind.MANIFEST_FINDING, subject,
                    message.length() > 240 ? message.substring(0, 237) + "..." : message, definite ? 0.95 : 0.6));
        }

        void name(String kind, String value) {
            if (value != null && !value.isBlank()) {
                named.put(kind, value);
            }
        }

        List<JsonNode> ofKind(String kind) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode o : objects) {
                if (kind.equals(o.path("kind").asText())) {
                    out.add(o);
                }
            }
            return out;
        }

        JsonNode find(String kind, String name, String namespace) {
            for (JsonNode o : ofKind(kind)) {
                if (name.equals(o.path("metadata").path("name").asText())
                        && (namespace == null || sameNamespace(ns(o), namespace))) {
                    return o;
                }
            }
            return null;
        }
    }

    /** Whether text looks like Kubernetes manifests (has both apiVersion and kind fields). */
    static boolean looksLikeManifest(String text) {
        String head = text.length() > 4_096 ? text.substring(0, 4_096) : text;
        return (head.contains("apiVersion:") || head.contains("\"apiVersion\"")) && (head.contains("kind:")
                || head.contains("\"kind\""));
    }

    /** Checks the manifests in {@code text}; parse problems go to {@code notes}, object names to {@code named}. */
    List<Signal> check(String text, List<String> notes, Map<String, String> named) {
        Run run = new Run(named);
        parse(text, run, notes);
        if (run.objects.isEmpty()) {
            return List.of();
        }
        for (JsonNode o : run.objects) {
            template(o, run);
        }
        for (Template t : run.templates) {
            named.putIfAbsent(t.kind().toLowerCase(Locale.ROOT), t.name());
            if (!t.namespace().isEmpty()) {
                named.putIfAbsent("namespace", t.namespace());
            }
        }
        services(run);
        references(run);
        probes(run);
        resources(run);
        placement(run);
        networkPolicies(run);
        rbac(run);
        images(run);
        ingresses(run);
        storage(run);
        return new ArrayList<>(run.findings.values());
    }

    private void parse(String text, Run run, List<String> notes) {
        String t = text.strip();
        try (JsonParser p = yaml.getFactory().createParser(t);
             MappingIterator<JsonNode> it = yaml.readValues(p, JsonNode.class)) {
            int docs = 0;
            while (it.hasNextValue() && docs < MAX_DOCUMENTS) {
                JsonNode doc = it.nextValue();
                docs++;
                collect(doc, run);
            }
            if (it.hasNextValue()) {
                notes.add("read the first " + MAX_DOCUMENTS + " manifest documents only");
            }
        } catch (IOException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            notes.add("manifests could not be read completely (" + (nl > 0 ? msg.substring(0, nl) : msg)
                    + "); checked the " + run.objects.size() + " objects read before the problem");
        }
    }

    private static void collect(JsonNode doc, Run run) {
        if (doc == null || !doc.isObject()) {
            return;
        }
        if (doc.path("kind").asText().endsWith("List") && doc.path("items").isArray()) {
            for (JsonNode item : doc.path("items")) {
                collect(item, run);
            }
            return;
        }
        if (doc.hasNonNull("kind")) {
            run.objects.add(doc);
        }
    }

    private static void template(JsonNode o, Run run) {
        String kind = o.path("kind").asText();
        String name = o.path("metadata").path("name").asText("unnamed");
        String ns = ns(o);
        switch (kind) {
            case "Pod" -> run.templates.add(new Template(kind, name, ns, 1, o.path("metadata").path("labels"),
                    o.path("spec")));
            case "Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job" -> {
                JsonNode tpl = o.path("spec").path("template");
                int replicas = o.path("spec").path("replicas").asInt(kind.equals("Job") ? 1 : 1);
                run.templates.add(new Template(kind, name, ns, replicas, tpl.path("metadata").path("labels"),
                        tpl.path("spec")));
            }
            case "CronJob" -> {
                JsonNode tpl = o.path("spec").path("jobTemplate").path("spec").path("template");
                run.templates.add(new Template(kind, name, ns, 1, tpl.path("metadata").path("labels"),
                        tpl.path("spec")));
            }
            default -> {
            }
        }
    }

    private static String ns(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    /** An empty namespace means "the current one": it matches any. */
    private static boolean sameNamespace(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A LabelSelector ({@code matchLabels} and {@code matchExpressions}); an empty one selects everything. */
    private static boolean labelSelector(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        JsonNode ml = selector.path("matchLabels");
        if (ml.isObject() && !ml.isEmpty() && !selects(ml, labels)) {
            return false;
        }
        for (JsonNode ex : selector.path("matchExpressions")) {
            if (!expression(ex, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expression(JsonNode ex, JsonNode labels) {
        String key = ex.path("key").asText();
        String op = ex.path("operator").asText();
        Set<String> values = new HashSet<>();
        ex.path("values").forEach(v -> values.add(v.asText()));
        String actual = labels.path(key).asText(null);
        return switch (op) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            default -> true;
        };
    }

    private static List<JsonNode> containers(JsonNode spec) {
        List<JsonNode> out = new ArrayList<>();
        spec.path("containers").forEach(out::add);
        spec.path("initContainers").forEach(out::add);
        return out;
    }

    private static void services(Run run) {
        for (JsonNode svc : run.ofKind("Service")) {
            JsonNode selector = svc.path("spec").path("selector");
            String type = svc.path("spec").path("type").asText("ClusterIP");
            if (!selector.isObject() || selector.isEmpty() || type.equals("ExternalName")) {
                continue;
            }
            String name = svc.path("metadata").path("name").asText();
            List<Template> selected = new ArrayList<>();
            List<Template> sameNs = new ArrayList<>();
            for (Template t : run.templates) {
                if (sameNamespace(t.namespace(), ns(svc))) {
                    sameNs.add(t);
                    if (selects(selector, t.labels())) {
                        selected.add(t);
                    }
                }
            }
            if (sameNs.isEmpty()) {
                continue;
            }
            if (selected.isEmpty()) {
                run.name("service", name);
                run.add("service-selector-no-match", "service/" + name, "Service " + name + " selects " + selector
                        + " but no Pod template has those labels (" + sameNs.get(0).ref() + " has "
                        + sameNs.get(0).labels() + ")", true);
                continue;
            }
            for (JsonNode port : svc.path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                boolean anyDeclared = false;
                boolean matched = false;
                for (Template t : selected) {
                    for (JsonNode c : t.spec().path("containers")) {
                        for (JsonNode cp : c.path("ports")) {
                            anyDeclared = true;
                            if (target.isInt() ? cp.path("containerPort").asInt() == target.asInt()
                                    : target.asText().equals(cp.path("name").asText())) {
                                matched = true;
                            }
                        }
                    }
                }
                if ((anyDeclared || !target.isInt()) && !matched) {
                    run.name("service", name);
                    run.add("service-target-port-mismatch", "service/" + name, "Service " + name + " sends port "
                            + port.path("port").asText() + " to targetPort " + target.asText()
                            + " but the selected containers do not expose it (" + selected.get(0).ref() + ")", true);
                }
            }
        }
    }

    private static void references(Run run) {
        boolean anyConfigMap = !run.ofKind("ConfigMap").isEmpty();
        boolean anySecret = !run.ofKind("Secret").isEmpty();
        boolean anyServiceAccount = !run.ofKind("ServiceAccount").isEmpty();
        for (Template t : run.templates) {
            JsonNode spec = t.spec();
            for (JsonNode v : spec.path("volumes")) {
                JsonNode cm = v.path("configMap");
                if (cm.isObject()) {
                    configMap(run, t, cm.path("name").asText(), keysOf(cm.path("items")), cm.path("optional").asBoolean(),
                            anyConfigMap);
                }
                JsonNode sec = v.path("secret");
                if (sec.isObject()) {
                    secret(run, t, sec.path("secretName").asText(), keysOf(sec.path("items")),
                            sec.path("optional").asBoolean(), anySecret);
                }
                for (JsonNode src : v.path("projected").path("sources")) {
                    if (src.has("configMap")) {
                        configMap(run, t, src.path("configMap").path("name").asText(),
                                keysOf(src.path("configMap").path("items")),
                                src.path("configMap").path("optional").asBoolean(), anyConfigMap);
                    }
                    if (src.has("secret")) {
                        secret(run, t, src.path("secret").path("name").asText(),
                                keysOf(src.path("secret").path("items")),
                                src.path("secret").path("optional").asBoolean(), anySecret);
                    }
                }
            }
            for (JsonNode c : containers(spec)) {
                for (JsonNode ef : c.path("envFrom")) {
                    if (ef.has("configMapRef")) {
                        configMap(run, t, ef.path("configMapRef").path("name").asText(), List.of(),
                                ef.path("configMapRef").path("optional").asBoolean(), anyConfigMap);
                    }
                    if (ef.has("secretRef")) {
                        secret(run, t, ef.path("secretRef").path("name").asText(), List.of(),
                                ef.path("secretRef").path("optional").asBoolean(), anySecret);
                    }
                }
                for (JsonNode env : c.path("env")) {
                    JsonNode vf = env.path("valueFrom");
                    if (vf.has("configMapKeyRef")) {
                        JsonNode r = vf.path("configMapKeyRef");
                        configMap(run, t, r.path("name").asText(), List.of(r.path("key").asText()),
                                r.path("optional").asBoolean(), anyConfigMap);
                    }
                    if (vf.has("secretKeyRef")) {
                        JsonNode r = vf.path("secretKeyRef");
                        secret(run, t, r.path("name").asText(), List.of(r.path("key").asText()),
                                r.path("optional").asBoolean(), anySecret);
                    }
                }
            }
            for (JsonNode ips : spec.path("imagePullSecrets")) {
                String name = ips.path("name").asText();
                if (!name.isEmpty() && run.find("Secret", name, t.namespace()) == null) {
                    run.name("secret", name);
                    run.add("image-pull-secret-missing", t.ref(), t.ref() + " pulls with imagePullSecret " + name
                            + " which is not defined" + (anySecret ? "" : " in the given manifests"), anySecret);
                }
            }
            String sa = spec.path("serviceAccountName").asText(spec.path("serviceAccount").asText(""));
            if (!sa.isEmpty() && !sa.equals("default") && run.find("ServiceAccount", sa, t.namespace()) == null) {
                run.name("serviceaccount", sa);
                run.add("serviceaccount-missing", t.ref(), t.ref() + " runs as ServiceAccount " + sa
                        + " which is not defined" + (anyServiceAccount ? "" : " in the given manifests"),
                        anyServiceAccount);
            }
        }
    }

    private static List<String> keysOf(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(i -> keys.add(i.path("key").asText()));
        return keys;
    }

    private static void configMap(Run run, Template t, String name, List<String> keys, boolean optional,
                                  boolean anyDefined) {
        if (name.isEmpty() || optional) {
            return;
        }
        JsonNode cm = run.find("ConfigMap", name, t.namespace());
        if (cm == null) {
            run.name("configmap", name);
            run.add("configmap-missing", t.ref(), t.ref() + " uses ConfigMap " + name + " which is not defined"
                    + (anyDefined ? "" : " in the given manifests"), anyDefined);
            return;
        }
        for (String k : keys) {
            if (!k.isEmpty() && !cm.path("data").has(k) && !cm.path("binaryData").has(k)) {
                run.name("configmap", name);
                run.name("key", k);
                run.add("configmap-key-missing", t.ref(), t.ref() + " reads key " + k + " of ConfigMap " + name
                        + " which has only " + fieldNames(cm.path("data")), true);
            }
        }
    }

    private static void secret(Run run, Template t, String name, List<String> keys, boolean optional,
                               boolean anyDefined) {
        if (name.isEmpty() || optional) {
            return;
        }
        JsonNode s = run.find("Secret", name, t.namespace());
        if (s == null) {
            run.name("secret", name);
            run.add("secret-missing", t.ref(), t.ref() + " uses Secret " + name + " which is not defined"
                    + (anyDefined ? "" : " in the given manifests"), anyDefined);
            return;
        }
        for (String k : keys) {
            if (!k.isEmpty() && !s.path("data").has(k) && !s.path("stringData").has(k)) {
                run.name("secret", name);
                run.name("key", k);
                run.add("secret-key-missing", t.ref(), t.ref() + " reads key " + k + " of Secret " + name
                        + " which has only " + fieldNames(s.path("data")), true);
            }
        }
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void probes(Run run) {
        for (Template t : run.templates) {
            for (JsonNode c : t.spec().path("containers")) {
                Set<Integer> ports = new HashSet<>();
                Set<String> names = new HashSet<>();
                for (JsonNode p : c.path("ports")) {
                    ports.add(p.path("containerPort").asInt());
                    names.add(p.path("name").asText());
                }
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    JsonNode pr = c.path(probe);
                    JsonNode action = pr.has("httpGet") ? pr.path("httpGet") : pr.path("tcpSocket");
                    if (action.isMissingNode()) {
                        continue;
                    }
                    JsonNode port = action.path("port");
                    String cname = c.path("name").asText();
                    boolean bad = port.isInt() ? !ports.isEmpty() && !ports.contains(port.asInt())
                            : !port.isMissingNode() && !names.contains(port.asText());
                    if (bad) {
                        run.name("container", cname);
                        run.add("probe-port-mismatch", t.ref(), "the " + probe + " of container " + cname + " in "
                                + t.ref() + " checks port " + port.asText() + " but the container exposes " + ports,
                                true);
                    }
                    String path = action.path("path").asText(null);
                    if (pr.has("httpGet") && path != null && !path.startsWith("/")) {
                        run.name("container", cname);
                        run.add("probe-path-invalid", t.ref(), "the " + probe + " of container " + cname + " in "
                                + t.ref() + " requests path '" + path + "', which is not an absolute path", true);
                    }
                }
            }
        }
    }

    /** A CPU or memory quantity in base units (cores, bytes); NaN when unreadable. */
    static double quantity(String q) {
        if (q == null || q.isBlank()) {
            return Double.NaN;
        }
        String s = q.strip();
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"K", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"},
            {"m", "0.001"}};
        double factor = 1;
        for (String[] sf : suffixes) {
            if (s.endsWith(sf[0])) {
                factor = Double.parseDouble(sf[1]);
                s = s.substring(0, s.length() - sf[0].length());
                break;
            }
        }
        try {
            return Double.parseDouble(s) * factor;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void resources(Run run) {
        List<JsonNode> quotas = run.ofKind("ResourceQuota");
        for (Template t : run.templates) {
            for (JsonNode c : containers(t.spec())) {
                JsonNode req = c.path("resources").path("requests");
                JsonNode lim = c.path("resources").path("limits");
                for (String r : List.of("cpu", "memory")) {
                    double rq = quantity(req.path(r).asText(null));
                    double lm = quantity(lim.path(r).asText(null));
                    if (!Double.isNaN(rq) && !Double.isNaN(lm) && rq > lm) {
                        run.name("container", c.path("name").asText());
                        run.add("request-exceeds-limit", t.ref(), "container " + c.path("name").asText() + " in "
                                + t.ref() + " requests " + req.path(r).asText() + " " + r + " but is limited to "
                                + lim.path(r).asText(), true);
                    }
                }
            }
        }
        for (JsonNode q : quotas) {
            JsonNode hard = q.path("spec").path("hard");
            String qname = q.path("metadata").path("name").asText();
            for (String field : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "cpu",
                    "memory")) {
                double cap = quantity(hard.path(field).asText(null));
                if (Double.isNaN(cap)) {
                    continue;
                }
                String section = field.startsWith("limits") ? "limits" : "requests";
                String res = field.substring(field.indexOf('.') + 1);
                double sum = 0;
                for (Template t : run.templates) {
                    if (!sameNamespace(t.namespace(), ns(q))) {
                        continue;
                    }
                    for (JsonNode c : containers(t.spec())) {
                        String v = c.path("resources").path(section).path(res).asText(null);
                        if (v == null && field.startsWith("limits")) {
                            run.name("quota", qname);
                            run.add("quota-requires-limits", t.ref(), "ResourceQuota " + qname + " caps " + field
                                    + " but container " + c.path("name").asText() + " of " + t.ref()
                                    + " sets no " + field + ", so its pods are rejected", true);
                        }
                        double d = quantity(v);
                        if (!Double.isNaN(d)) {
                            sum += d * Math.max(1, t.replicas());
                        }
                    }
                }
                if (sum > cap) {
                    run.name("quota", qname);
                    run.add("quota-exceeded", "resourcequota/" + qname, "the workloads need " + format(sum, res)
                            + " of " + field + " but ResourceQuota " + qname + " allows " + hard.path(field).asText(),
                            true);
                }
            }
        }
    }

    private static String format(double v, String resource) {
        if (resource.equals("memory")) {
            return Math.round(v / 1048576) + "Mi";
        }
        return Math.round(v * 1000) + "m";
    }

    private static void placement(Run run) {
        List<JsonNode> nodes = run.ofKind("Node");
        if (nodes.isEmpty()) {
            return;
        }
        for (Template t : run.templates) {
            JsonNode spec = t.spec();
            JsonNode selector = spec.path("nodeSelector");
            List<JsonNode> fitting = new ArrayList<>();
            for (JsonNode n : nodes) {
                JsonNode labels = n.path("metadata").path("labels");
                boolean ok = !selector.isObject() || selector.isEmpty() || selects(selector, labels);
                JsonNode terms = spec.path("affinity").path("nodeAffinity")
                        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
                if (ok && terms.isArray() && !terms.isEmpty()) {
                    boolean any = false;
                    for (JsonNode term : terms) {
                        boolean all = true;
                        for (JsonNode ex : term.path("matchExpressions")) {
                            all &= expression(ex, labels);
                        }
                        any |= all;
                    }
                    ok = any;
                }
                if (ok) {
                    fitting.add(n);
                }
            }
            if (fitting.isEmpty()) {
                run.add("node-selector-unsatisfiable", t.ref(), t.ref() + " requires nodes labelled "
                        + (selector.isObject() && !selector.isEmpty() ? selector : "by its required node affinity")
                        + " but none of the " + nodes.size() + " nodes has those labels", true);
                continue;
            }
            List<JsonNode> tolerating = new ArrayList<>();
            String blocking = null;
            for (JsonNode n : fitting) {
                String untolerated = null;
                for (JsonNode taint : n.path("spec").path("taints")) {
                    String effect = taint.path("effect").asText();
                    if ((effect.equals("NoSchedule") || effect.equals("NoExecute")) && !tolerated(taint, spec)) {
                        untolerated = taint.path("key").asText() + "=" + taint.path("value").asText() + ":" + effect;
                    }
                }
                if (untolerated == null) {
                    tolerating.add(n);
                } else {
                    blocking = untolerated;
                    run.name("node", n.path("metadata").path("name").asText());
                }
            }
            if (tolerating.isEmpty()) {
                run.name("taint", blocking);
                run.add("taint-not-tolerated", t.ref(), t.ref() + " tolerates no taint of the nodes it may run on ("
                        + blocking + ")", true);
            }
        }
    }

    private static boolean tolerated(JsonNode taint, JsonNode spec) {
        for (JsonNode tol : spec.path("tolerations")) {
            String op = tol.path("operator").asText("Equal");
            boolean keyOk = tol.path("key").asText("").isEmpty() && op.equals("Exists")
                    || tol.path("key").asText().equals(taint.path("key").asText());
            boolean valueOk = op.equals("Exists") || tol.path("value").asText("").equals(taint.path("value").asText(""));
            boolean effectOk = tol.path("effect").asText("").isEmpty()
                    || tol.path("effect").asText().equals(taint.path("effect").asText());
            if (keyOk && valueOk && effectOk) {
                return true;
            }
        }
        return false;
    }

    private static void networkPolicies(Run run) {
        for (JsonNode np : run.ofKind("NetworkPolicy")) {
            JsonNode spec = np.path("spec");
            List<String> types = new ArrayList<>();
            spec.path("policyTypes").forEach(x -> types.add(x.asText()));
            if (types.isEmpty()) {
                types.add("Ingress");
                if (spec.has("egress")) {
                    types.add("Egress");
                }
            }
            String name = np.path("metadata").path("name").asText();
            for (Template t : run.templates) {
                if (!sameNamespace(t.namespace(), ns(np)) || !labelSelector(spec.path("podSelector"), t.labels())) {
                    continue;
                }
                if (types.contains("Ingress") && isEmptyRules(spec.path("ingress"))) {
                    run.add("network-policy-denies-ingress", "networkpolicy/" + name, "NetworkPolicy " + name
                            + " selects " + t.ref() + " and allows no ingress: all traffic to its pods is dropped",
                            true);
                }
                if (types.contains("Egress") && !isEmptyRules(spec.path("egress")) && !allowsDns(spec.path("egress"))) {
                    run.add("network-policy-blocks-dns", "networkpolicy/" + name, "NetworkPolicy " + name
                            + " limits the egress of " + t.ref() + " and no rule allows port 53: DNS lookups fail",
                            true);
                }
                if (types.contains("Egress") && isEmptyRules(spec.path("egress"))) {
                    run.add("network-policy-denies-egress", "networkpolicy/" + name, "NetworkPolicy " + name
                            + " selects " + t.ref() + " and allows no egress: its pods cannot reach DNS or any service",
                            true);
                }
            }
        }
    }

    /** Whether some egress rule lets DNS through: one without ports, or one with port 53 (or a named dns port). */
    private static boolean allowsDns(JsonNode egress) {
        for (JsonNode rule : egress) {
            JsonNode ports = rule.path("ports");
            if (isEmptyRules(ports)) {
                return true;
            }
            for (JsonNode p : ports) {
                JsonNode port = p.path("port");
                if (port.isMissingNode() || port.asInt() == 53 || port.asText().toLowerCase(Locale.ROOT).contains("dns")
                        || (p.has("endPort") && port.asInt() <= 53 && p.path("endPort").asInt() >= 53)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEmptyRules(JsonNode rules) {
        return rules.isMissingNode() || rules.isNull() || (rules.isArray() && rules.isEmpty());
    }

    private static void rbac(Run run) {
        List<JsonNode> bindings = new ArrayList<>(run.ofKind("RoleBinding"));
        bindings.addAll(run.ofKind("ClusterRoleBinding"));
        boolean anyRole = !run.ofKind("Role").isEmpty() || !run.ofKind("ClusterRole").isEmpty();
        for (JsonNode b : bindings) {
            String kind = b.path("roleRef").path("kind").asText();
            String role = b.path("roleRef").path("name").asText();
            if (anyRole && !role.isEmpty() && run.find(kind, role, kind.equals("Role") ? ns(b) : null) == null
                    && !role.startsWith("system:") && !List.of("admin", "edit", "view", "cluster-admin").contains(role)) {
                run.add("rbac-role-missing", b.path("kind").asText().toLowerCase(Locale.ROOT) + "/"
                        + b.path("metadata").path("name").asText(), b.path("kind").asText() + " "
                        + b.path("metadata").path("name").asText() + " grants " + kind + " " + role
                        + " which is not defined", true);
            }
        }
        String verb = run.named.get("verb");
        String resource = run.named.get("resource");
        if (verb == null || resource == null) {
            return;
        }
        for (Template t : run.templates) {
            String sa = t.spec().path("serviceAccountName").asText("default");
            boolean granted = false;
            for (JsonNode b : bindings) {
                boolean bound = false;
                for (JsonNode s : b.path("subjects")) {
                    bound |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(sa);
                }
                if (!bound) {
                    continue;
                }
                String kind = b.path("roleRef").path("kind").asText();
                JsonNode role = run.find(kind, b.path("roleRef").path("name").asText(), null);
                if (role == null) {
                    continue;
                }
                for (JsonNode rule : role.path("rules")) {
                    granted |= contains(rule.path("verbs"), verb) && contains(rule.path("resources"), resource);
                }
            }
            if (!granted) {
                run.name("serviceaccount", sa);
                run.add("rbac-permission-missing", t.ref(), "ServiceAccount " + sa + " of " + t.ref()
                        + " is refused '" + verb + "' on " + resource + " and no bound Role or ClusterRole grants it",
                        !bindings.isEmpty());
            }
        }
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (v.asText().equals(value) || v.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static void images(Run run) {
        for (Template t : run.templates) {
            String arch = t.spec().path("nodeSelector").path("kubernetes.io/arch").asText("");
            for (JsonNode c : containers(t.spec())) {
                String image = c.path("image").asText("");
                String cname = c.path("name").asText();
                if (!image.isEmpty() && !validImage(image)) {
                    run.name("image", image);
                    run.add("image-reference-invalid", t.ref(), "container " + cname + " of " + t.ref()
                            + " names image '" + image + "', which is not a valid image reference", true);
                }
                JsonNode cmd = c.path("command");
                String first = cmd.isArray() && !cmd.isEmpty() ? cmd.get(0).asText() : "";
                String lowerImage = image.toLowerCase(Locale.ROOT);
                if ((first.endsWith("sh") || first.endsWith("bash")) && (lowerImage.contains("distroless")
                        || lowerImage.startsWith("scratch"))) {
                    run.name("image", image);
                    run.name("container", cname);
                    run.add("command-not-in-image", t.ref(), "container " + cname + " of " + t.ref() + " runs "
                            + first + " but image " + image + " has no shell", true);
                }
                if (!arch.isEmpty() && (lowerImage.contains("amd64") && arch.equals("arm64")
                        || lowerImage.contains("arm64") && arch.equals("amd64"))) {
                    run.name("image", image);
                    run.add("image-arch-mismatch", t.ref(), t.ref() + " runs on " + arch + " nodes but image "
                            + image + " is built for another architecture", true);
                }
            }
        }
    }

    /** Docker reference grammar, checked by hand: lower-case repository, optional tag and digest, no spaces. */
    static boolean validImage(String image) {
        if (image.isBlank() || image.length() > 512 || image.endsWith(":") || image.endsWith("/")
                || image.contains("//") || image.contains("..")) {
            return false;
        }
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            String digest = ref.substring(at + 1);
            if (!digest.matches("[a-z0-9]{1,32}:[a-f0-9]{32,128}")) {
                return false;
            }
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String repo = ref;
        if (colon > slash) {
            String tag = ref.substring(colon + 1);
            if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
                return false;
            }
            repo = ref.substring(0, colon);
        }
        int firstSlash = repo.indexOf('/');
        String path = repo;
        if (firstSlash > 0) {
            String host = repo.substring(0, firstSlash);
            if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
                path = repo.substring(firstSlash + 1);
            }
        }
        return path.matches("[a-z0-9]{1,255}(?:(?:[._]|__|-{1,10})[a-z0-9]{1,255}){0,32}(?:/[a-z0-9]{1,255}"
                + "(?:(?:[._]|__|-{1,10})[a-z0-9]{1,255}){0,32}){0,32}");
    }

    private static void ingresses(Run run) {
        List<JsonNode> classes = run.ofKind("IngressClass");
        boolean anyService = !run.ofKind("Service").isEmpty();
        for (JsonNode ing : run.ofKind("Ingress")) {
            String name = ing.path("metadata").path("name").asText();
            String cls = ing.path("spec").path("ingressClassName").asText("");
            if (!cls.isEmpty() && run.find("IngressClass", cls, null) == null) {
                run.name("ingress", name);
                run.add("ingressclass-missing", "ingress/" + name, "Ingress " + name + " asks for IngressClass " + cls
                        + " which is not defined" + (classes.isEmpty() ? " in the given manifests" : ""),
                        !classes.isEmpty());
            }
            if (!anyService) {
                continue;
            }
            List<JsonNode> backends = new ArrayList<>();
            if (ing.path("spec").has("defaultBackend")) {
                backends.add(ing.path("spec").path("defaultBackend"));
            }
            for (JsonNode rule : ing.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    backends.add(p.path("backend"));
                }
            }
            for (JsonNode b : backends) {
                JsonNode svcRef = b.path("service");
                String svc = svcRef.path("name").asText("");
                if (svc.isEmpty()) {
                    continue;
                }
                JsonNode service = run.find("Service", svc, ns(ing));
                if (service == null) {
                    run.name("ingress", name);
                    run.name("service", svc);
                    run.add("ingress-backend-missing", "ingress/" + name, "Ingress " + name + " routes to Service "
                            + svc + " which is not defined", true);
                    continue;
                }
                JsonNode port = svcRef.path("port");
                boolean found = false;
                for (JsonNode sp : service.path("spec").path("ports")) {
                    found |= port.has("number") ? sp.path("port").asInt() == port.path("number").asInt()
                            : !port.has("name") || sp.path("name").asText().equals(port.path("name").asText());
                }
                if (!found) {
                    run.name("ingress", name);
                    run.name("service", svc);
                    run.add("ingress-backend-missing", "ingress/" + name, "Ingress " + name + " routes to port "
                            + (port.has("number") ? port.path("number").asText() : port.path("name").asText())
                            + " of Service " + svc + ", which does not expose it", true);
                }
            }
        }
    }

    private static void storage(Run run) {
        List<JsonNode> classes = run.ofKind("StorageClass");
        List<JsonNode> claims = new ArrayList<>(run.ofKind("PersistentVolumeClaim"));
        for (JsonNode sts : run.ofKind("StatefulSet")) {
            sts.path("spec").path("volumeClaimTemplates").forEach(claims::add);
        }
        for (JsonNode pvc : claims) {
            JsonNode sc = pvc.path("spec").path("storageClassName");
            if (sc.isMissingNode() || sc.isNull() || sc.asText().isEmpty()) {
                continue;
            }
            if (run.find("StorageClass", sc.asText(), null) == null) {
                String name = pvc.path("metadata").path("name").asText();
                run.name("pvc", name);
                run.name("storageclass", sc.asText());
                run.add("storageclass-missing", "persistentvolumeclaim/" + name, "PersistentVolumeClaim " + name
                        + " asks for StorageClass " + sc.asText() + " which is not defined"
                        + (classes.isEmpty() ? " in the given manifests" : ""), !classes.isEmpty());
            }
        }
        for (Template t : run.templates) {
            for (JsonNode v : t.spec().path("volumes")) {
                String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
                if (!claim.isEmpty() && !run.ofKind("PersistentVolumeClaim").isEmpty()
                        && run.find("PersistentVolumeClaim", claim, t.namespace()) == null) {
                    run.name("pvc", claim);
                    run.add("pvc-missing", t.ref(), t.ref() + " mounts PersistentVolumeClaim " + claim
                            + " which is not defined", true);
                }
            }
        }
    }
}
