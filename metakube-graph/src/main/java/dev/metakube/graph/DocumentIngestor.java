package dev.metakube.graph;

import dev.metakube.api.Category;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.evidence.EvidenceAnalyzer;
import dev.metakube.redaction.Redactor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern-based extraction of causal knowledge from Markdown or text documents (the GraphRAG-style ingestion of
 * paper section 4.3, without a language model: the {@code DiagnosticModel} SPI has no free-text completion).
 *
 * <p>A document is cut into sections at Markdown headings (or blank lines when it has none). In each section the
 * symptom vocabulary finds known symptoms; error messages quoted in code spans that the vocabulary does not know
 * become new symptoms with the message as their detection phrase; sentences with a causal cue ("caused by",
 * "because", "due to", "happens when", "leads to"...) give the cause statement; {@code kubectl}/{@code helm}
 * commands give the confirm commands (get, describe, logs...) and the remediation (the rest); sentences about
 * prevention give the prevention. A section that names at least one symptom and a cause or a fix becomes a cause
 * node linked to its symptoms, with provenance "document" and the section as its source. Text is redacted
 * first; every pattern is linear-time and runs on bounded lines.
 */
final class DocumentIngestor {
    static final int MAX_DOCUMENT = 2_000_000;
    static final double DOCUMENT_WEIGHT = 0.5;

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]{1,400})`");
    private static final Pattern CAUSAL = Pattern.compile(
            "(?i)\\b(?:is caused by|are caused by|caused by|because|due to|happens when|happen when|occurs when|"
                    + "occur when|results from|the root cause is|the cause is|leads to|lead to|results in|means that)\\b");
    private static final Pattern PREVENT = Pattern.compile("(?i)\\b(?:prevent|avoid|to keep this from|always|never|make sure)\\b");
    private static final Map<Category, List<String>> CATEGORY_WORDS = Map.of(
            Category.RESOURCE, List.of("memory", "cpu", "oom", "quota", "limit", "pvc", "volume", "autoscal", "hpa", "evict"),
            Category.NETWORK, List.of("dns", "service", "endpoint", "ingress", "network", "cni", "load balancer", "coredns"),
            Category.SCHEDULING, List.of("schedul", "taint", "toleration", "affinity", "pending", "nodeselector", "priority"),
            Category.IMAGE, List.of("image", "registry", "pull", "tag", "manifest", "architecture"),
            Category.CONFIGURATION, List.of("configmap", "secret", "rbac", "env", "helm", "webhook", "operator", "config"),
            Category.SYSTEM, List.of("kubelet", "etcd", "kernel", "certificate", "runtime", "containerd", "filesystem", "disk"));
    private static final List<String> KINDS = List.of("Pod", "Container", "Node", "Service", "Deployment",
            "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap",
            "Secret", "ServiceAccount", "Ingress", "IngressClass", "NetworkPolicy", "ResourceQuota", "PriorityClass",
            "HorizontalPodAutoscaler", "Kubelet", "Etcd", "CoreDNS");

    private final Redactor redactor = new Redactor();

    /** What one section yielded. */
    record Extraction(String id, Category category, String area, String statement, Set<String> symptoms,
                      List<SymptomCard> newSymptoms, List<String> confirm, List<RemediationStep> fix,
                      List<String> prevention, Set<String> kinds, String source) {
    }

    /** Sections of a document: {title, body}. */
    static List<String[]> sections(String text) {
        List<String[]> out = new ArrayList<>();
        String title = "";
        StringBuilder body = new StringBuilder();
        boolean markdown = text.lines().anyMatch(l -> l.startsWith("#"));
        boolean fence = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            boolean boundary = markdown ? !fence && line.startsWith("#") : line.isBlank();
            if (boundary) {
                if (body.toString().strip().length() > 0) {
                    out.add(new String[] {title, body.toString()});
                }
                body.setLength(0);
                title = markdown ? line.replaceFirst("^#{1,6}\\s{0,10}", "").strip() : "";
            } else {
                body.append(line).append('\n');
            }
        }
        if (body.toString().strip().length() > 0) {
            out.add(new String[] {title, body.toString()});
        }
        return out;
    }

    /** Extracts from one section; empty when it names no symptom, or neither a cause nor a fix. */
    Extraction extract(String document, String title, String rawBody, EvidenceAnalyzer analyzer, KnowledgeGraph g) {
        String body = redactor.redact(rawBody).text();
        String whole = (title + "\n" + body).strip();
        EvidenceAnalysis a = analyzer.analyze(Incident.builder().id("doc")
                .evidence(new Evidence(dev.metakube.api.EvidenceKind.TEXT, document, whole)).build());
        Set<String> symptoms = new LinkedHashSet<>();
        for (Signal s : a.signals()) {
            if (s.kind() != SignalKind.OBJECT && g.symptoms.containsKey(s.key())) {
                symptoms.add(s.key());
            }
        }
        List<String> confirm = new ArrayList<>();
        List<RemediationStep> fix = new ArrayList<>();
        List<SymptomCard> newSymptoms = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(whole);
        while (m.find()) {
            commands.add(m.group(1).strip());
        }
        boolean fence = false;
        for (String line : body.split("\n")) {
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (fence) {
                commands.add(line.strip().replaceFirst("^\\$\\s{0,4}", ""));
            }
        }
        for (String c : commands) {
            String lower = c.toLowerCase(Locale.ROOT);
            if (lower.startsWith("kubectl ") || lower.startsWith("helm ") || lower.startsWith("etcdctl ")
                    || lower.startsWith("crictl ") || lower.startsWith("kubeadm ")) {
                if (lower.matches("^(kubectl|helm|etcdctl|crictl|kubeadm) (get|describe|logs|top|auth can-i|events|"
                        + "history|status|endpoint|certs check-expiration|ps|inspect)\\b.{0,400}")) {
                    if (confirm.size() < 4) {
                        confirm.add(c);
                    }
                } else if (fix.size() < 4) {
                    fix.add(new RemediationStep(action(body, c), c, KubeGraph.destructive(c)));
                }
            } else if (c.length() >= 12 && c.length() <= 120 && c.chars().allMatch(ch -> ch >= 32 && ch < 127)
                    && c.chars().anyMatch(Character::isLetter) && (c.contains(":") || c.contains(" "))
                    && !c.contains("=") && !c.startsWith("-") && knownNothing(analyzer, c, g)) {
                String id = "doc:" + KubeGraph.slug(c);
                if (!g.types.containsKey(id) && newSymptoms.stream().noneMatch(s -> s.id().equals(id))
                        && newSymptoms.size() < 3) {
                    newSymptoms.add(new SymptomCard(id, SignalKind.ERROR_PHRASE, c, List.of(c), List.of(), 0.8,
                            Provenance.DOCUMENT));
                }
            }
        }
        newSymptoms.forEach(s -> symptoms.add(s.id()));
        String statement = causalSentence(body);
        if (symptoms.isEmpty() || (statement == null && fix.isEmpty())) {
            return null;
        }
        if (statement == null) {
            statement = title.isBlank() ? firstSentence(body) : title;
        }
        List<String> prevention = new ArrayList<>();
        for (String s : sentences(body)) {
            if (PREVENT.matcher(s).find() && prevention.size() < 3 && !s.equals(statement)) {
                prevention.add(s);
            }
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : KINDS) {
            if (whole.contains(k)) {
                kinds.add(k);
            }
        }
        Category category = category(symptoms, whole, g);
        if (confirm.isEmpty()) {
            confirm.add("kubectl get events -n {namespace} --sort-by=.lastTimestamp");
        }
        if (fix.isEmpty()) {
            fix.add(new RemediationStep(statement.length() > 300 ? statement.substring(0, 297) + "..."
                    : "Address the cause described in " + document + (title.isBlank() ? "" : " (" + title + ")"), "",
                    false));
        }
        String id = "doc:" + KubeGraph.slug(document) + ":" + KubeGraph.slug(title.isBlank() ? statement : title)
                + "-" + KubeGraph.hash(document + title + statement);
        return new Extraction(id, category, title.isBlank() ? "document" : title, statement, symptoms, newSymptoms,
                confirm, fix, prevention, kinds, document + (title.isBlank() ? "" : "#" + title));
    }

    private static boolean knownNothing(EvidenceAnalyzer analyzer, String text, KnowledgeGraph g) {
        EvidenceAnalysis a = analyzer.analyze(Incident.builder().id("span").symptoms(text).build());
        return a.signals().stream().noneMatch(s -> s.kind() != SignalKind.OBJECT && g.symptoms.containsKey(s.key()));
    }

    /** The sentence a command appears in, or around it; else "Run". */
    private static String action(String body, String command) {
        for (String s : sentences(body)) {
            if (s.contains(command) && s.length() > command.length() + 8) {
                return s.replace("`", "").strip();
            }
        }
        return "Run " + command;
    }

    private static String causalSentence(String body) {
        for (String s : sentences(body)) {
            if (CAUSAL.matcher(s).find() && s.length() >= 20) {
                String t = s.replace("`", "").strip();
                return t.length() > 300 ? t.substring(0, 297) + "..." : t;
            }
        }
        return null;
    }

    private static String firstSentence(String body) {
        List<String> s = sentences(body);
        String t = s.isEmpty() ? body.strip() : s.get(0);
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }

    /** Sentences of prose lines (code fences skipped), split at '.', '!' or '?' followed by a space. */
    static List<String> sentences(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        boolean fence = false;
        for (String line : body.split("\n")) {
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (!fence) {
                prose.append(line.replaceFirst("^\\s{0,8}(?:[-*+]|\\d{1,3}\\.)\\s{1,4}", "")).append(' ');
            }
        }
        String p = prose.toString();
        int start = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == p.length() || p.charAt(i + 1) == ' ')) {
                String s = p.substring(start, i + 1).strip();
                if (s.length() > 3) {
                    out.add(s);
                }
                start = i + 1;
            }
        }
        String rest = p.substring(Math.min(start, p.length())).strip();
        if (rest.length() > 3) {
            out.add(rest);
        }
        return out;
    }

    private static Category category(Set<String> symptoms, String text, KnowledgeGraph g) {
        Map<Category, Double> votes = new EnumMap<>(Category.class);
        for (String s : symptoms) {
            for (Relation r : g.graph.containsVertex(s) ? g.graph.incomingEdgesOf(s) : Set.<Relation>of()) {
                CauseCard c = g.causes.get(g.graph.getEdgeSource(r));
                if (c != null && c.provenance() == Provenance.CURATED) {
                    votes.merge(c.category(), r.weight, Double::sum);
                }
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<Category, List<String>> e : CATEGORY_WORDS.entrySet()) {
            for (String w : e.getValue()) {
                if (lower.contains(w)) {
                    votes.merge(e.getKey(), 0.3, Double::sum);
                }
            }
        }
        return votes.entrySet().stream().max(Map.Entry.<Category, Double>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(Category.CONFIGURATION);
    }
}
