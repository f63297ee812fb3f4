package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Kubernetes objects out of evidence text: multi-document YAML, JSON, {@code kind: List} (and
 * {@code kubectl get -o yaml|json} output), Helm-rendered output, and manifests embedded in a pasted shell
 * session, heredoc or Markdown fence. Anything that is not a readable object is skipped with a note; nothing
 * throws.
 *
 * <p>Cost is linear in the input: one pass over the lines cuts out the manifest blocks, and SnakeYAML runs with
 * limits on aliases ({@value #MAX_ALIASES}), nesting ({@value #MAX_DEPTH}) and size, so alias bombs, deep nesting
 * and huge scalars are refused early. Objects of the kinds the checks read become typed fabric8 objects; others
 * become {@link GenericKubernetesResource}s. At most {@value #MAX_OBJECTS} objects are read. Thread-safe.
 */
public final class ManifestParser {
    /** Objects read at most. */
    public static final int MAX_OBJECTS = 2_000;
    /** Alias references allowed per document (an alias bomb needs many). */
    static final int MAX_ALIASES = 50;
    /** Nesting depth allowed (a pod spec needs about 15). */
    static final int MAX_DEPTH = 60;
    /** Characters of one manifest block that are read. */
    static final int MAX_BLOCK = 2_097_152;

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("Pod", Pod.class), Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class), Map.entry("DaemonSet", DaemonSet.class),
            Map.entry("ReplicaSet", ReplicaSet.class), Map.entry("Job", Job.class),
            Map.entry("CronJob", CronJob.class), Map.entry("Service", Service.class),
            Map.entry("Endpoints", Endpoints.class), Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class), Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("PersistentVolume", PersistentVolume.class), Map.entry("StorageClass", StorageClass.class),
            Map.entry("Ingress", Ingress.class), Map.entry("IngressClass", IngressClass.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class), Map.entry("Role", Role.class),
            Map.entry("ClusterRole", ClusterRole.class), Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("ClusterRoleBinding", ClusterRoleBinding.class), Map.entry("Node", Node.class),
            Map.entry("Namespace", Namespace.class), Map.entry("ResourceQuota", ResourceQuota.class),
            Map.entry("LimitRange", LimitRange.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("ReplicationController", ReplicationController.class));

    private static final Pattern YAML_START = Pattern.compile("^([ \\t]*)(?:- )?(?:apiVersion|kind):[ \\t]*\\S");
    private static final Pattern YAML_KEY = Pattern.compile("^[A-Za-z0-9_.\"'/<-][^ \\t:]{0,252}:(?:[ \\t]|$)");

    /** Stateless once built, so shared. */
    static final Resolver RESOLVER = new PlainResolver(true);

    private final JsonMapper mapper;

    /** A parser. */
    public ManifestParser() {
        JsonFactory json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_BLOCK).maxDocumentLength(MAX_BLOCK * 4L).build())
                .build();
        this.mapper = JsonMapper.builder(json)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Whether the text holds something that looks like a manifest (cheap; looks at apiVersion and kind). */
    public static boolean mayHoldManifests(String text) {
        return (text.contains("apiVersion:") || text.contains("\"apiVersion\"")) && (text.contains("kind:")
                || text.contains("\"kind\""));
    }

    /** The objects of {@code text}, with a note for each part that could not be read. */
    public ManifestSet parse(String text) {
        List<HasMetadata> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!mayHoldManifests(text)) {
            return new ManifestSet(out, notes);
        }
        // one loader per call: its limit is the whole text, and building one costs more than a small block
        LoaderOptions options = options(Math.min(text.length(), MAX_BLOCK));
        Yaml yaml = yaml(options);
        PlainYamlLoader plain = new PlainYamlLoader(options, RESOLVER, MAX_DEPTH - 10);
        for (Block b : blocks(text)) {
            if (out.size() >= MAX_OBJECTS) {
                notes.add("read the first " + MAX_OBJECTS + " objects only");
                break;
            }
            if (b.text().length() > MAX_BLOCK) {
                notes.add("skipped a manifest of " + b.text().length() + " characters at line " + b.line()
                        + " (more than " + MAX_BLOCK + ")");
                continue;
            }
            try {
                if (b.json()) {
                    collect(mapper.readValue(b.text(), Object.class), out, notes, b.line());
                } else if (!loadPlain(plain, b, out, notes)) {
                    for (Object doc : yaml.loadAll(b.text())) {
                        collect(doc, out, notes, b.line());
                        if (out.size() >= MAX_OBJECTS) {
                            break;
                        }
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                notes.add("skipped the manifest at line " + b.line() + ": " + firstLine(e));
            }
        }
        return new ManifestSet(out, notes);
    }

    /**
     * Loads a block with the event loader; false when it holds YAML that loader leaves to SnakeYAML (or an error,
     * which SnakeYAML then reports in its words). Nothing is collected unless the whole block was read.
     */
    private boolean loadPlain(PlainYamlLoader plain, Block b, List<HasMetadata> out, List<String> notes) {
        List<Object> docs;
        try {
            docs = plain.loadAll(b.text());
        } catch (RuntimeException e) {
            return false;
        }
        for (Object doc : docs) {
            collect(doc, out, notes, b.line());
            if (out.size() >= MAX_OBJECTS) {
                break;
            }
        }
        return true;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        String s = nl > 0 ? m.substring(0, nl) : m;
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    /** The loader options for a text of {@code length} characters. */
    static LoaderOptions options(int length) {
        LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(Math.max(1024, length + 16));
        o.setAllowDuplicateKeys(true);
        o.setAllowRecursiveKeys(false);
        return o;
    }

    /** The SnakeYAML loader, with its limits. */
    static Yaml yaml(LoaderOptions o) {
        return new Yaml(new SafeConstructor(o), new Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), o, RESOLVER);
    }

    /**
     * YAML 1.1 resolution without timestamps: Kubernetes fields hold dates as strings. Most plain scalars of a
     * manifest (names, keys, images) start with a letter: SnakeYAML then tries the BOOL pattern (for some
     * letters) and the NULL and EMPTY patterns, whose words are listed here, so those are answered without
     * regular expressions, with the same result. Values that start with a digit, a sign, a dot or {@code <} go
     * through the patterns.
     */
    static final class PlainResolver extends Resolver {
        /** The words the BOOL pattern matches, whole. */
        private static final java.util.Set<String> BOOLS = java.util.Set.of("yes", "Yes", "YES", "no", "No", "NO",
                "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
        /** The non-empty words the NULL pattern matches, whole (it is tried for every first character). */
        private static final java.util.Set<String> NULLS = java.util.Set.of("~", "null", "Null", "NULL", " ");

        private final boolean shortcut;

        /** A resolver; without {@code shortcut} every value goes through the patterns. */
        PlainResolver(boolean shortcut) {
            this.shortcut = shortcut;
        }

        @Override
        public Tag resolve(org.yaml.snakeyaml.nodes.NodeId kind, String value, boolean implicit) {
            if (shortcut && kind == org.yaml.snakeyaml.nodes.NodeId.scalar && implicit && !value.isEmpty()) {
                char c = value.charAt(0);
                if ((c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != '<') {
                    return BOOLS.contains(value) ? Tag.BOOL : NULLS.contains(value) ? Tag.NULL : Tag.STR;
                }
                if (c >= '0' && c <= '9' && !numeric(value)) {
                    // a quantity or version (128Mi, 250m, 1.27-alpine): no INT or FLOAT alternative starting with
                    // a digit admits its other characters, and NULL and EMPTY do not start with a digit
                    return Tag.STR;
                }
            }
            return super.resolve(kind, value, implicit);
        }

        /** Whether every character may appear in an INT or FLOAT that starts with a digit. */
        private static boolean numeric(String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F' || ch == 'x'
                        || ch == '_' || ch == '.' || ch == ':' || ch == '+' || ch == '-')) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private void collect(Object doc, List<HasMetadata> out, List<String> notes, int line) {
        if (doc instanceof List<?> list) {
            for (Object o : list) {
                collect(o, out, notes, line);
            }
            return;
        }
        if (!(doc instanceof Map<?, ?> map) || out.size() >= MAX_OBJECTS) {
            return;
        }
        Object kind = map.get("kind");
        Object items = map.get("items");
        if (kind instanceof String k && k.endsWith("List") && items instanceof List<?>) {
            collect(items, out, notes, line);
            return;
        }
        if (!(kind instanceof String k) || k.isBlank() || !(map.get("apiVersion") instanceof String)) {
            return;
        }
        Class<? extends HasMetadata> type = TYPES.getOrDefault(k, GenericKubernetesResource.class);
        if (k.equals("Secret") || k.equals("ConfigMap")) {
            flattenValues(map);
        }
        try {
            out.add(mapper.convertValue(map, type));
        } catch (RuntimeException e) {
            Object meta = map.get("metadata");
            Object name = meta instanceof Map<?, ?> m ? m.get("name") : null;
            notes.add("skipped " + k + (name == null ? "" : " " + name) + " (line " + line + "): " + firstLine(e));
        }
    }

    /**
     * Values of data maps become strings: the checks read only the keys, and redacted evidence writes a masked
     * value as {@code [redacted]}, which YAML reads as a list.
     */
    @SuppressWarnings("unchecked")
    private static void flattenValues(Map<?, ?> object) {
        for (String field : List.of("data", "stringData", "binaryData")) {
            if (object.get(field) instanceof Map<?, ?> data) {
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) data).entrySet()) {
                    if (!(e.getValue() instanceof String)) {
                        e.setValue(e.getValue() == null ? "" : String.valueOf(e.getValue()));
                    }
                }
            }
        }
    }

    /** A run of lines that holds one or more manifests. */
    record Block(String text, int line, boolean json) {
    }

    /** Cuts the manifest blocks out of the text in one pass over its lines. */
    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // characters the JSON scans may still read: keeps unclosed braces from making the pass quadratic
        long[] budget = {4L * text.length() + 1024};
        int i = 0;
        while (i < lines.length) {
            String l = lines[i];
            String s = l.strip();
            if ((s.startsWith("{") || s.startsWith("[")) && budget[0] > 0 && holdsJsonManifest(lines, i)) {
                int end = jsonEnd(lines, i, budget);
                if (end >= 0) {
                    out.add(new Block(join(lines, i, end + 1, 0), i + 1, true));
                    i = end + 1;
                    continue;
                }
            }
            Matcher m = YAML_START.matcher(l);
            if (m.find()) {
                int indent = m.group(1).replace("\t", "    ").length();
                int end = yamlEnd(lines, i, indent);
                out.add(new Block(join(lines, i, end, indent), i + 1, false));
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
        return out;
    }

    private static boolean holdsJsonManifest(String[] lines, int from) {
        for (int k = from; k < lines.length && k < from + 40; k++) {
            if (lines[k].contains("\"apiVersion\"") || lines[k].contains("\"kind\"")) {
                return true;
            }
        }
        return false;
    }

    /** The line where the JSON value starting at {@code from} closes, or -1. Strings are skipped. */
    private static int jsonEnd(String[] lines, int from, long[] budget) {
        int depth = 0;
        boolean inString = false;
        for (int k = from; k < lines.length; k++) {
            String l = lines[k];
            budget[0] -= l.length() + 1;
            if (budget[0] < 0) {
                return -1;
            }
            for (int c = 0; c < l.length(); c++) {
                char ch = l.charAt(c);
                if (inString) {
                    if (ch == '\\') {
                        c++;
                    } else if (ch == '"') {
                        inString = false;
                    }
                } else if (ch == '"') {
                    inString = true;
                } else if (ch == '{' || ch == '[') {
                    depth++;
                } else if (ch == '}' || ch == ']') {
                    depth--;
                    if (depth == 0) {
                        return k;
                    }
                }
            }
            inString = false;
        }
        return -1;
    }

    /**
     * The line after the YAML block that starts at {@code from} with the given indent: the block goes on while
     * lines are blank, more indented, or YAML at its indent (a key, a list item, a comment); a second
     * {@code apiVersion} or {@code kind} at its indent starts the next document.
     */
    private static int yamlEnd(String[] lines, int from, int indent) {
        boolean sawApiVersion = false;
        boolean sawKind = false;
        for (int k = from; k < lines.length; k++) {
            String l = lines[k];
            if (l.isBlank()) {
                continue;
            }
            int ind = indentOf(l);
            if (ind > indent) {
                continue;
            }
            if (ind < indent) {
                return k;
            }
            String body = l.substring(Math.min(l.length(), indexAfterIndent(l)));
            if (body.startsWith("---") || body.startsWith("...")) {
                return k;
            }
            if (k > from && (body.startsWith("- apiVersion:") || body.startsWith("- kind:"))
                    && indent > 0 && !sawApiVersion && !sawKind) {
                continue;
            }
            boolean api = body.startsWith("apiVersion:");
            boolean kind = body.startsWith("kind:");
            if ((api && sawApiVersion) || (kind && sawKind)) {
                return k;
            }
            sawApiVersion |= api || body.startsWith("- apiVersion:") && k == from;
            sawKind |= kind || body.startsWith("- kind:") && k == from;
            if (body.startsWith("#") || body.startsWith("- ") || body.equals("-") || YAML_KEY.matcher(body).find()) {
                continue;
            }
            return k;
        }
        return lines.length;
    }

    private static int indentOf(String l) {
        int n = 0;
        for (int c = 0; c < l.length(); c++) {
            char ch = l.charAt(c);
            if (ch == ' ') {
                n++;
            } else if (ch == '\t') {
                n += 4;
            } else {
                break;
            }
        }
        return n;
    }

    private static int indexAfterIndent(String l) {
        int c = 0;
        while (c < l.length() && (l.charAt(c) == ' ' || l.charAt(c) == '\t')) {
            c++;
        }
        return c;
    }

    private static String join(String[] lines, int from, int to, int indent) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            String l = lines[k];
            if (indent > 0) {
                int drop = 0;
                int width = 0;
                while (drop < l.length() && width < indent && (l.charAt(drop) == ' ' || l.charAt(drop) == '\t')) {
                    width += l.charAt(drop) == '\t' ? 4 : 1;
                    drop++;
                }
                l = l.substring(drop);
            }
            b.append(l).append('\n');
        }
        return b.toString();
    }
}
