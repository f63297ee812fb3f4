package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Memory;
import dev.metakube.api.Recall;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.ModelAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A learned cause as a template with typed slots. When a cause is remembered, the concrete values of its incident
 * (namespace, workload, the Secret, key, ConfigMap, Service, host, image, StorageClass, node... found by the evidence
 * analysis) are replaced by slots named after their type, such as {@code {secret}}. When it is recalled for a new
 * incident, each slot is bound again from that incident's evidence; a slot the new evidence has no value for is
 * said plainly ({@code {secret}} becomes "(the secret, not identified in this incident)") and never filled with the
 * old value, so that no answer names an object of another incident.
 */
final class CauseTemplate {
    /** A slot, and the rest of a name derived from it ({@code {workload}-tls}, {@code data-{workload}-0}). */
    private static final Pattern SLOT = Pattern.compile(
            "(?<![A-Za-z0-9_.-])([a-z0-9][a-z0-9-]*-)?\\{([a-z]+[0-9]?)}([a-z0-9-]*[a-z0-9])?");
    /** Objects that are vocabulary of the fault (an API resource, a verb, a taint), not names of the instance. */
    private static final Set<String> NOT_SLOTS = Set.of("resource", "verb", "taint", "name");
    /** Values that are Kubernetes vocabulary: never turned into a slot. */
    private static final Set<String> VOCABULARY = Set.of("default", "kube-system", "kube-public", "kube-node-lease",
            "kubernetes", "kubelet", "pods", "nodes", "true", "false", "none", "latest", "coredns", "kube-dns",
            "kube-proxy", "etcd", "control-plane", "scheduler", "kube-scheduler", "kube-apiserver",
            "kube-controller-manager");
    private static final int MIN_VALUE = 3;
    private static final int MAX_NUMBERED = 6;
    /** A label value in a selector or a manifest's labels. */
    private static final Pattern LABEL = Pattern.compile("\\b(?:app|component|tier|k8s-app|release|instance"
            + "|app\\.kubernetes\\.io/[a-z]+)\\s*[:=]\\s*[\"']?([a-z0-9][a-z0-9._-]*[a-z0-9])");
    /** A resource quantity: memory, CPU, storage. */
    private static final Pattern QUANTITY = Pattern.compile(
            "(?<![A-Za-z0-9.])(\\d+(?:\\.\\d+)?(?:Ki|Mi|Gi|Ti|KiB|MiB|GiB|TiB|KB|MB|GB|TB|K|M|G|m))(?![A-Za-z0-9])");
    private static final Pattern HOST = Pattern.compile(
            "\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|io|dev|local|internal|cloud|example)\\b");
    private static final Pattern ADDRESS = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    /** A port: a manifest's port field, or the port of a host or address ({@code db:5432}, {@code 10.0.0.7:8443}). */
    private static final Pattern PORT = Pattern.compile("(?i)(?:\\b(?:containerPort|targetPort|hostPort|nodePort|port)"
            + "\\s*[:=]\\s*[\"']?|(?<=[A-Za-z0-9]):)(\\d{2,5})(?![0-9A-Za-z.])");
    /** A file-system or URL path of two or more segments ({@code /etc/app/config.yaml}, {@code /var/lib/data}). */
    private static final Pattern PATH = Pattern.compile(
            "(?<![A-Za-z0-9_.:/-])(/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+)(?<![.])");
    /** Where a port is said in a cause: after a colon or the word "port". */
    private static final String PORT_CONTEXT = "(?<=(?:port|ports|port:|port=|:)\\s?)";
    /** The slot a literal word that this incident does not show is reported as. */
    private static final String LITERAL_SLOT = "name";
    /**
     * A word or release version of the teaching incident kept as written ({@code {=quillo}}, {@code {=v0.13.6}}): a
     * program, component or product named with one plain word. It binds only where the new incident shows it.
     */
    private static final Pattern LITERAL = Pattern.compile("\\{=([A-Za-z][A-Za-z0-9]{1,40}|" + Version.FORM + ")}");
    /** A release version as causes quote it: {@code v0.13.6}, {@code 1.25.3}, {@code 2.4.0-rc1}. */
    private static final class Version {
        static final String FORM = "v?[0-9]{1,4}(?:\\.[0-9]{1,5}){1,3}(?:-[A-Za-z0-9.]{1,20})?";
        static final Pattern IN_TEXT = Pattern.compile("(?<![A-Za-z0-9_./{=-])" + FORM + "(?![A-Za-z0-9_/}-])(?!\\.[0-9A-Za-z])");
    }
    /** A plain word standing alone: not part of a hyphenated, dotted, slashed or slotted token. */
    private static final Pattern PLAIN_WORD = Pattern.compile(
            "(?<![A-Za-z0-9_./{=-])[A-Za-z][A-Za-z0-9]{1,40}(?![A-Za-z0-9_}-])(?![./][A-Za-z0-9])");
    private static final Pattern UNBOUND = Pattern.compile("\\(the ([a-z0-9 ]+), not identified in this incident\\)");

    private CauseTemplate() {
    }

    /** The text said of a slot that the new incident's evidence does not bind. */
    static String unbound(String slot) {
        return "(the " + slot + ", not identified in this incident)";
    }

    /**
     * Values of one type in the order the evidence shows them, as {@code {type}}, {@code {type2}}... A recurrence
     * shows its own values in the same places, so order binds them; a value already taken by a slot is skipped.
     */
    private static void numbered(Map<String, String> v, String type, Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find() && n < MAX_NUMBERED) {
            String value = m.group(1);
            if (!v.containsValue(value) && value.length() >= 2) {
                n++;
                v.putIfAbsent(n == 1 ? type : type + n, value);
            }
        }
    }

    /** The slots a bound text says were not identified, in order. */
    static List<String> unboundSlots(String boundText) {
        List<String> out = new ArrayList<>();
        Matcher m = UNBOUND.matcher(boundText);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The resource quantities ({@code 2Gi}, {@code 500m}) that {@code text} states and {@code incidentText} does
     * not show: values left concrete from another incident (a template keeps only its first few quantities).
     */
    static List<String> foreignQuantities(String text, String incidentText) {
        List<String> stated = QUANTITY.matcher(text).results().map(r -> r.group(1)).toList();
        if (stated.isEmpty()) {
            return stated;
        }
        // one pass over the incident (its logs may be megabytes), only when the cause states a quantity
        Set<String> shown = QUANTITY.matcher(incidentText).results().map(r -> r.group(1)).collect(Collectors.toSet());
        return stated.stream().filter(q -> !shown.contains(q)).toList();
    }

    /** The incident's concrete values by slot type, in the order types are listed; empty values left out. */
    static Map<String, String> values(EvidenceAnalysis analysis) {
        Map<String, String> v = new LinkedHashMap<>();
        ClusterContext c = analysis.incident().context();
        if (c != null) {
            put(v, "namespace", c.namespace());
            put(v, "Node".equalsIgnoreCase(c.kind()) ? "node" : "workload", c.name());
            c.labels().values().stream().findFirst().ifPresent(label -> put(v, "label", label));
        }
        for (Signal s : analysis.signals()) {
            if (s.kind() == SignalKind.OBJECT && s.key().startsWith("object:")) {
                String type = s.key().substring("object:".length()).toLowerCase(Locale.ROOT);
                if (type.matches("[a-z]+") && !NOT_SLOTS.contains(type)) {
                    put(v, type, s.value());
                }
            }
        }
        String all = analysis.incident().allText();
        Matcher host = HOST.matcher(all);
        while (host.find()) {
            if (!host.group().matches(".*\\b(k8s\\.io|kubernetes\\.io|docker\\.io|gcr\\.io|quay\\.io|ghcr\\.io|github\\.com)")) {
                put(v, "host", host.group());
                break;
            }
        }
        numbered(v, "label", LABEL, all);
        numbered(v, "quantity", QUANTITY, all);
        Matcher address = ADDRESS.matcher(all);
        if (address.find()) {
            put(v, "address", address.group());
        }
        numbered(v, "port", PORT, all);
        numbered(v, "path", PATH, all);
        return v;
    }

    private static void put(Map<String, String> v, String type, String value) {
        if (value != null && value.length() >= MIN_VALUE && !VOCABULARY.contains(value)) {
            v.putIfAbsent(type, value);
        }
    }

    /** {@code text} with the incident's concrete values replaced by their slots, longest value first. */
    static String abstracted(String text, EvidenceAnalysis analysis) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Map.Entry<String, String>> byValue = new ArrayList<>(values(analysis).entrySet());
        byValue.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        String t = text;
        for (Map.Entry<String, String> e : byValue) {
            // a compound name may carry a suffix (a typo, a plural) that makes it another name: a derived one
            // (in a repository path too); a plain word is replaced only whole
            String v = Pattern.quote(e.getValue());
            String type = e.getKey().replaceAll("[0-9]+$", "");
            String word;
            if (type.equals("port")) {
                // a number is a port only where the text says so: after a colon or the word port
                word = PORT_CONTEXT + v + "(?![0-9A-Za-z])";
            } else if (type.equals("path")) {
                word = "(?<![A-Za-z0-9_.-])" + v + "(?![A-Za-z0-9_-])";
            } else {
                word = e.getValue().matches(".*[-.].*") ? "(?<![A-Za-z0-9_])" + v
                        : "(?<=/)" + v + "|(?<![A-Za-z0-9_])" + v + "(?![A-Za-z0-9_])";
            }
            t = t.replaceAll("(?i)" + word,
                    Matcher.quoteReplacement("{" + e.getKey() + "}"));
        }
        return literals(t, analysis.incident().allText());
    }

    /**
     * {@code text} with each plain word that the vocabulary of failures does not know and the teaching incident
     * shows kept as a literal slot: such a word names something of that incident (its program, component or
     * product) that the evidence analysis did not type, and must not reach an answer about another incident.
     */
    private static String literals(String text, String incidentText) {
        text = versions(text, incidentText);
        Matcher m = PLAIN_WORD.matcher(text);
        Set<String> shown = null;
        StringBuilder b = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String word = m.group();
            boolean name = false;
            if (!Vocabulary.knows(word)) {
                if (shown == null) {
                    shown = Vocabulary.words(incidentText);
                }
                name = shown.contains(word.toLowerCase(Locale.ROOT));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(name ? "{=" + word + "}" : word));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * {@code text} with each release version that the teaching incident shows kept as a literal slot: "since
     * v0.13.6" is a fact of that incident's product, not of the next incident's.
     */
    private static String versions(String text, String incidentText) {
        Matcher m = Version.IN_TEXT.matcher(text);
        StringBuilder b = new StringBuilder(text.length() + 8);
        boolean any = false;
        while (m.find()) {
            boolean shown = shows(incidentText, m.group());
            any |= shown;
            m.appendReplacement(b, Matcher.quoteReplacement(shown ? "{=" + m.group() + "}" : m.group()));
        }
        if (!any) {
            return text;
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Whether {@code text} shows the version {@code v} as a token of its own. */
    private static boolean shows(String text, String v) {
        for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
            int end = at + v.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) && text.charAt(at - 1) != '.';
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    && !(text.charAt(end) == '.' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    /**
     * A template bound to an incident.
     *
     * @param text    the text with every slot bound or said to be unbound
     * @param unbound the slots the incident had no value for, in order
     */
    record Bound(String text, List<String> unbound) {
    }

    /**
     * One incident's slot values, text and words, each computed once however many texts are bound to it (a recall
     * binds the cause and resolution of every memory it returns). Not thread-safe; used by one call.
     */
    static final class Slots {
        private final EvidenceAnalysis analysis;
        private Map<String, String> values;
        private String evidence;
        private Set<String> words;

        Slots(EvidenceAnalysis analysis) {
            this.analysis = analysis;
        }

        Map<String, String> values() {
            if (values == null) {
                values = CauseTemplate.values(analysis);
            }
            return values;
        }

        String evidence() {
            if (evidence == null) {
                evidence = analysis.incident().allText();
            }
            return evidence;
        }

        Set<String> words() {
            if (words == null) {
                words = Vocabulary.words(evidence());
            }
            return words;
        }
    }

    /** Binds every slot of {@code template} from the incident's evidence. */
    static Bound bind(String template, EvidenceAnalysis analysis) {
        return bind(template, new Slots(analysis));
    }

    /** Binds every slot of {@code template} from the incident's evidence, values computed once in {@code slots}. */
    static Bound bind(String template, Slots slots) {
        if (template == null || template.indexOf('{') < 0) {
            return new Bound(template, List.of());
        }
        Set<String> missing = new LinkedHashSet<>();
        if (template.contains("{=")) {
            Set<String> shown = slots.words();
            Matcher l = LITERAL.matcher(template);
            StringBuilder lb = new StringBuilder();
            while (l.find()) {
                String literal = l.group(1);
                boolean bound = Character.isLetter(literal.charAt(0)) && literal.indexOf('.') < 0
                        ? shown.contains(literal.toLowerCase(Locale.ROOT)) : shows(slots.evidence(), literal);
                if (!bound) {
                    missing.add(LITERAL_SLOT);
                }
                l.appendReplacement(lb, Matcher.quoteReplacement(bound ? l.group(1) : unbound(LITERAL_SLOT)));
            }
            l.appendTail(lb);
            template = lb.toString();
            if (template.indexOf('{') < 0) {
                return new Bound(template, List.copyOf(missing));
            }
        }
        Map<String, String> v = slots.values();
        String evidence = slots.evidence();
        Matcher m = SLOT.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String slot = m.group(2);
            String value = v.get(slot);
            boolean derived = m.group(1) != null || m.group(3) != null;
            if (value != null && derived) {
                // a name made from the slot's value counts only if this incident shows it
                String name = (m.group(1) == null ? "" : m.group(1)) + value + (m.group(3) == null ? "" : m.group(3));
                value = evidence.contains(name) ? name : null;
            }
            if (value == null) {
                missing.add(slot);
                value = derived ? unbound("name derived from the " + slot) : unbound(slot);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return new Bound(b.toString(), List.copyOf(missing));
    }

    /**
     * The answer with every slot left in it (from a learned graph cause, a pattern) bound to the incident: its root
     * cause, chain, remediation and hypotheses.
     */
    static ModelAnswer bindAnswer(ModelAnswer a, EvidenceAnalysis analysis) {
        Slots slots = new Slots(analysis);
        List<String> chain = new ArrayList<>();
        a.causalChain().forEach(c -> chain.add(bind(c, slots).text()));
        List<RemediationStep> steps = new ArrayList<>();
        for (RemediationStep r : a.remediation()) {
            steps.add(new RemediationStep(bind(r.action(), slots).text(), bind(r.command(), slots).text(),
                    r.destructive()));
        }
        List<Hypothesis> hypotheses = new ArrayList<>();
        for (Hypothesis h : a.hypotheses()) {
            hypotheses.add(new Hypothesis(h.category(), bind(h.rootCause(), slots).text(), h.score(), h.source()));
        }
        return new ModelAnswer(a.category(), bind(a.rootCause(), slots).text(), chain, steps, a.prevention(),
                hypotheses, a.confidence(), a.notes());
    }

    /**
     * A chain with the slots of its texts bound to the incident (a learned graph cause is stored as a template);
     * the chain itself when it has none.
     */
    static CausalChain bindChain(CausalChain c, EvidenceAnalysis analysis) {
        if (c.rootCause().indexOf('{') < 0 && c.path().stream().noneMatch(p -> p.indexOf('{') >= 0)
                && c.remediation().stream().noneMatch(r -> r.action().indexOf('{') >= 0
                || r.command().indexOf('{') >= 0)) {
            return c;
        }
        Slots slots = new Slots(analysis);
        List<String> path = c.path().stream().map(p -> bind(p, slots).text()).toList();
        List<RemediationStep> steps = c.remediation().stream().map(r -> new RemediationStep(
                bind(r.action(), slots).text(), bind(r.command(), slots).text(), r.destructive())).toList();
        return new CausalChain(c.causeId(), c.category(), bind(c.rootCause(), slots).text(), path, c.confirm(),
                steps, c.prevention(), c.score(), c.evidence());
    }

    /**
     * The recall with each memory's cause and resolution bound to the incident; ids, relevance, facts and order
     * kept.
     */
    static Recall bindAll(Recall recall, EvidenceAnalysis analysis) {
        Slots slots = new Slots(analysis);
        List<ScoredMemory> out = new ArrayList<>(recall.memories().size());
        for (ScoredMemory s : recall.memories()) {
            out.add(new ScoredMemory(bound(s.memory(), slots), s.cosine(), s.relevance(), s.reliability(),
                    s.context()));
        }
        return new Recall(out, recall.novelty());
    }

    private static Memory bound(Memory m, Slots slots) {
        String cause = bind(m.rootCause(), slots).text();
        String resolution = bind(m.resolution(), slots).text();
        if (cause.equals(m.rootCause()) && resolution.equals(m.resolution())) {
            return m;
        }
        if (m instanceof Episode e) {
            return new Episode(e.id(), e.symptoms(), e.context(), e.signalKeys(), e.category(), cause, resolution,
                    e.attempts(), e.outcome(), e.time(), e.value());
        }
        dev.metakube.api.Pattern p = (dev.metakube.api.Pattern) m;
        return new dev.metakube.api.Pattern(p.id(), p.category(), cause, resolution, p.signalKeys(), p.members(),
                p.variance(), p.reliability(), p.updated());
    }
}
