package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores diagnoses the way the real-incident sets are scored: a <b>root-cause hit</b> when one root-cause keyword
 * is found in the first 300 characters of the root cause, a <b>fix hit</b> when one fix keyword is found in the
 * remediation steps joined together, matching that ignores case, spaces, hyphens and punctuation; and the
 * <b>category</b>. Reported over the set, per category and per evidence type (inferred from the evidence itself),
 * with the expected calibration error over 15 bins of these hits and the count of root causes that name an object
 * the incident never mentions.
 */
public final class IncidentScoring {
    /** How much of a root cause is scored. */
    static final int SCORED_PREFIX = 300;
    /** Bins of the expected calibration error. */
    static final int ECE_BINS = 15;

    /** What kind of evidence a scenario carries. */
    public enum EvidenceType {
        /** Manifests (YAML or JSON objects) and nothing captured from a cluster. */
        MANIFESTS_ONLY("manifests-only"),
        /** Output captured from a cluster or a program: describe, events, logs, get, journal. */
        CAPTURED_OUTPUT("captured-output"),
        /** A person's prose around pasted output, as in an issue thread. */
        ISSUE_EXCERPT("issue-excerpt");

        private final String label;

        EvidenceType(String label) {
            this.label = label;
        }

        /** The name used in {@code summary.json}. */
        public String label() {
            return label;
        }
    }

    /**
     * One scenario's grades.
     *
     * @param rootCauseHit a root-cause keyword in the first 300 characters of the root cause
     * @param categoryHit  the category is right
     * @param fixHit       a fix keyword in the joined remediation
     * @param type         the kind of evidence the scenario carries
     * @param foreignNames object-like names in the root cause that the incident never mentions
     */
    public record Grade(boolean rootCauseHit, boolean categoryHit, boolean fixHit, EvidenceType type,
                        Set<String> foreignNames) {
    }

    private static final Pattern PROSE_MARK = Pattern.compile("^\\s*\\((?:reporter|participant|author|user|op)[^)]{0,20}\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MANIFEST = Pattern.compile("(?m)^\\s*[\"']?apiVersion[\"']?\\s*:");
    private static final Pattern CAPTURED = Pattern.compile("(?m)(^Events:|^Name:\\s|^Status:\\s|^NAME\\s{2,}|^\\s*Type\\s+Reason\\s+Age"
            + "|^\\s*Warning\\s+\\w+|^\\s*Normal\\s+\\w+\\s|\\b\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d|^[IWEF]\\d{4} \\d\\d:\\d\\d"
            + "|\\b(?:ERROR|FATAL|Exception|Traceback|panic:)|^\\$ |^Error from server|^error:|Back-off|exit code)");
    private static final Pattern OBJECT_LIKE = Pattern.compile(
            "(?<![a-z0-9_./:-])[a-z0-9][a-z0-9]{0,62}(?:[-.][a-z0-9]{1,63}){1,12}(?![a-z0-9_-])");
    private static final Set<String> KINDS = Set.of("pod", "pods", "deployment", "service", "configmap", "secret",
            "namespace", "daemonset", "statefulset", "job", "cronjob", "ingress", "pvc", "storageclass",
            "serviceaccount", "container", "release", "chart", "node", "host", "image", "replicaset", "volume");
    private static final Pattern NUMBERISH = Pattern.compile("v?\\d+(?:[.-]\\d+)*[a-z]?");
    private static final Set<String> GENERIC = Set.of("kube-system", "kube-public", "kube-proxy", "kube-dns",
            "kube-apiserver", "kube-scheduler", "kube-controller-manager", "out-of-memory", "read-only", "non-root",
            "well-known", "built-in", "cross-namespace", "cluster-wide", "e.g", "i.e", "k8s.io", "kubernetes.io",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "metrics.k8s.io", "docker.io",
            "back-off", "crash-loop", "multi-attach", "self-signed", "up-to-date", "third-party", "long-running",
            "node-local", "init-container", "sub-path", "per-pod", "per-node", "re-create", "run-as-non-root",
            "higher-priority", "lower-priority", "high-priority", "low-priority", "best-effort", "oom-kill", "oom-kills", "oom-killed",
            "multi-arch", "multi-platform", "registry.k8s.io", "k8s.gcr.io", "gcr.io", "quay.io", "ghcr.io");

    private IncidentScoring() {
    }

    /** Grades one diagnosis. */
    public static Grade grade(Scenario s, Diagnosis d) {
        String rc = d.rootCause().length() > SCORED_PREFIX ? d.rootCause().substring(0, SCORED_PREFIX) : d.rootCause();
        return new Grade(anyIn(s.rootCauseKeywords(), rc), d.category() == s.category(),
                anyIn(s.fixKeywords(), Grading.remediationText(d)), type(s.symptoms(), s.evidence()),
                foreignNames(d.rootCause(), incidentText(s)));
    }

    /** Whether one of {@code keywords} is in {@code text}, ignoring case, spaces, hyphens and punctuation. */
    static boolean anyIn(List<String> keywords, String text) {
        String t = squash(text);
        for (String k : keywords) {
            String n = squash(k);
            if (!n.isEmpty() && t.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, letters and digits only. */
    static String squash(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The kind of evidence, inferred from the text in general terms. */
    static EvidenceType type(String symptoms, List<Evidence> evidence) {
        StringBuilder all = new StringBuilder();
        int prose = 0;
        for (Evidence e : evidence) {
            all.append(e.text()).append('\n');
            for (String line : e.text().split("\n")) {
                if (PROSE_MARK.matcher(line).find() || isProse(line)) {
                    prose++;
                }
            }
        }
        if (prose > 0) {
            return EvidenceType.ISSUE_EXCERPT;
        }
        String text = all.toString();
        if (MANIFEST.matcher(text).find() && !CAPTURED.matcher(text).find()) {
            return EvidenceType.MANIFESTS_ONLY;
        }
        return EvidenceType.CAPTURED_OUTPUT;
    }

    /** A sentence a person wrote: many words, ends like a sentence, not a key-value line nor a log line. */
    private static boolean isProse(String line) {
        String t = line.strip();
        if (t.length() < 40 || t.startsWith("-") || t.startsWith("#") || t.matches("^[\\w.\"'-]{1,60}\\s*[:=].*")
                || t.matches("^[IWEF]?\\d.*") || t.contains("{") || t.contains("=")) {
            return false;
        }
        long words = t.chars().filter(c -> c == ' ').count() + 1;
        char last = t.charAt(t.length() - 1);
        return words >= 8 && (last == '.' || last == '?' || last == '!') && Character.isUpperCase(t.charAt(0));
    }

    static String incidentText(Scenario s) {
        StringBuilder b = new StringBuilder(s.symptoms()).append('\n');
        for (Evidence e : s.evidence()) {
            b.append(e.source()).append('\n').append(e.text()).append('\n');
        }
        b.append(s.context().namespace()).append('\n').append(s.context().name()).append('\n')
                .append(s.context().kind()).append('\n');
        s.context().labels().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Object-like names (hyphenated or dotted Kubernetes names) in {@code rootCause} absent from the incident. */
    static Set<String> foreignNames(String rootCause, String incidentTextLower) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = OBJECT_LIKE.matcher(rootCause.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String t = m.group().replaceAll("\\.+$", "");
            if ((t.indexOf('-') < 0 && t.indexOf('.') < 0) || GENERIC.contains(t) || NUMBERISH.matcher(t).matches()
                    || !usedAsName(rootCause.toLowerCase(Locale.ROOT), m.start(), m.start() + t.length(), t)) {
                continue;
            }
            if (!incidentTextLower.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** A name, not a compound word: it has a digit, is quoted, or a kind of object stands next to it. */
    private static boolean usedAsName(String text, int start, int end, String token) {
        if (token.chars().anyMatch(Character::isDigit)) {
            return true;
        }
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        if ("'\"`".indexOf(before) >= 0 || "'\"`".indexOf(after) >= 0) {
            return true;
        }
        String[] left = text.substring(0, start).trim().split("\\s+");
        String[] right = text.substring(end).trim().split("\\s+");
        String previous = left.length == 0 ? "" : left[left.length - 1].replaceAll("[^a-z]", "");
        String next = right.length == 0 ? "" : right[0].replaceAll("[^a-z]", "");
        return KINDS.contains(previous) || KINDS.contains(next);
    }

    /** The {@code incident_scoring} section of {@code summary.json}. */
    public static Map<String, Object> summary(List<ScenarioResult> results) {
        List<Grade> grades = new ArrayList<>();
        for (ScenarioResult r : results) {
            grades.add(grade(r.scenario(), r.diagnosis()));
        }
        Map<String, Object> m = new LinkedHashMap<>(rates(results, grades, i -> true));
        m.put("ece_15", ece(results, grades));
        List<Map<String, Object>> foreign = new ArrayList<>();
        for (int i = 0; i < grades.size(); i++) {
            if (!grades.get(i).foreignNames().isEmpty()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", results.get(i).scenario().id());
                f.put("names", List.copyOf(grades.get(i).foreignNames()));
                foreign.add(f);
            }
        }
        m.put("foreign_name_root_causes", foreign.size());
        m.put("foreign_names", foreign);
        Map<String, Object> perCategory = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            Map<String, Object> r = rates(results, grades, i -> results.get(i).scenario().category() == c);
            if ((int) r.get("scenarios") > 0) {
                perCategory.put(c.label(), r);
            }
        }
        m.put("per_category", perCategory);
        Map<String, Object> perType = new LinkedHashMap<>();
        for (EvidenceType t : EvidenceType.values()) {
            Map<String, Object> r = rates(results, grades, i -> grades.get(i).type() == t);
            if ((int) r.get("scenarios") > 0) {
                perType.put(t.label(), r);
            }
        }
        m.put("per_evidence_type", perType);
        return m;
    }

    private static Map<String, Object> rates(List<ScenarioResult> rs, List<Grade> gs,
                                             java.util.function.IntPredicate in) {
        int n = 0;
        int rc = 0;
        int cat = 0;
        int fix = 0;
        for (int i = 0; i < gs.size(); i++) {
            if (!in.test(i)) {
                continue;
            }
            Grade g = gs.get(i);
            n++;
            rc += g.rootCauseHit() ? 1 : 0;
            cat += g.categoryHit() ? 1 : 0;
            fix += g.fixHit() ? 1 : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenarios", n);
        m.put("root_cause_hit", n == 0 ? 0.0 : (double) rc / n);
        m.put("category", n == 0 ? 0.0 : (double) cat / n);
        m.put("fix_hit", n == 0 ? 0.0 : (double) fix / n);
        return m;
    }

    /** Expected calibration error of the confidence against root-cause hits, over 15 equal-width bins. */
    static double ece(List<ScenarioResult> rs, List<Grade> gs) {
        int[] n = new int[ECE_BINS];
        double[] hits = new double[ECE_BINS];
        double[] conf = new double[ECE_BINS];
        for (int i = 0; i < rs.size(); i++) {
            double c = rs.get(i).diagnosis().confidence();
            int b = Math.min(ECE_BINS - 1, (int) Math.floor(c * ECE_BINS));
            n[b]++;
            hits[b] += gs.get(i).rootCauseHit() ? 1 : 0;
            conf[b] += c;
        }
        double sum = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (n[b] > 0) {
                sum += Math.abs(hits[b] - conf[b]);
            }
        }
        return rs.isEmpty() ? 0 : sum / rs.size();
    }
}
