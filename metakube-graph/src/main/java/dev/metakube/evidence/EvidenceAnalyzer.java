package dev.metakube.evidence;

import dev.metakube.redaction.Redactor;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.evidence.text.TextEvidenceReader;
import dev.metakube.evidence.text.TextFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evidence analysis: bounds the input, redacts secrets, and turns text and manifests into {@link Signal}s.
 *
 * <ul>
 *   <li>Bounds: symptoms are read up to {@value #MAX_SYMPTOMS} characters; each evidence up to
 *       {@value #MAX_EVIDENCE} characters (the first quarter and the last three quarters are kept, logs end with
 *       what matters); all evidence together up to {@value #MAX_TOTAL}; patterns see at most {@value #MAX_LINE}
 *       characters of a line. Every truncation is stated in the notes.</li>
 *   <li>Redaction ({@link Redactor}) happens first: the returned incident, the signals' values and excerpts
 *       only ever contain redacted text.</li>
 *   <li>Detection: the {@link DetectionRule}s (the causal graph's symptom vocabulary) are matched with one
 *       Aho-Corasick pass over each text; their optional patterns run only on the lines a phrase selected. Exit
 *       codes, quantities and object names are read the same way; manifests are parsed and checked against each
 *       other ({@link ManifestChecker}).</li>
 * </ul>
 * Cost is linear in the (bounded) input. Immutable after construction and thread-safe.
 */
public final class EvidenceAnalyzer {
    /** Characters of the symptom text that are read. */
    public static final int MAX_SYMPTOMS = 8_192;
    /** Characters of one evidence that are read. */
    public static final int MAX_EVIDENCE = 524_288;
    /** Characters of all evidence together that are read. */
    public static final int MAX_TOTAL = 1_048_576;
    /** Characters of one line that patterns see. */
    public static final int MAX_LINE = 2_000;
    /** Signals returned at most (object names included). */
    public static final int MAX_SIGNALS = 64;

    /** Signal key prefix of the objects named in the evidence ({@code object:pod}, {@code object:namespace}...). */
    public static final String OBJECT_PREFIX = "object:";

    private static final List<DetectionRule> BUILT_IN = List.of(
            DetectionRule.of("exit-code-{1}", SignalKind.EXIT_CODE, List.of("exit code", "exitcode"),
                    List.of("(?i)exit ?code\"?:?[ \\t]{0,20}(\\d{1,3})\\b"), 0.8),
            DetectionRule.of("exit-code-{1}", SignalKind.EXIT_CODE,
                    List.of("exited with code", "exit status", "exited with status"),
                    List.of("(?i)exit(?:ed with)? (?:code|status) (\\d{1,3})\\b"), 0.7),
            DetectionRule.of("restart-count", SignalKind.QUANTITY, List.of("restart count"),
                    List.of("(?i)restart count:[ \\t]{0,20}(\\d{1,6})"), 0.5),
            DetectionRule.of("restart-count", SignalKind.QUANTITY, List.of("restarts"),
                    List.of("\\b(\\d{1,6}) restarts?\\b"), 0.4));

    // manifests often quote quantities (memory: "256Mi", cpu: '1')
    private static final Pattern MEMORY_QUANTITY = Pattern.compile(
            "(?i)^[ \\t]{0,40}memory:[ \\t]{1,20}[\"']?(\\d{1,9}(?:\\.\\d{1,3})?(?:[KMGT]i?|[kMG])?)[\"']?[ \\t]*$");
    private static final Pattern CPU_QUANTITY = Pattern.compile(
            "(?i)^[ \\t]{0,40}cpu:[ \\t]{1,20}[\"']?(\\d{1,9}(?:\\.\\d{1,3})?m?)[\"']?[ \\t]*$");

    private final List<DetectionRule> rules;
    private final PhraseAutomaton automaton;
    /** Per phrase: its length where it must start a word (a short phrase), else 0. */
    private final int[] wordStart;
    /** Phrases up to this length match only at the start of a word. */
    private static final int SHORT_PHRASE = 5;
    /** phrase index to the rules that use it. */
    private final int[][] rulesOfPhrase;
    private final Redactor redactor = new Redactor();
    private final ObjectExtractor objects = new ObjectExtractor();
    private final ManifestChecker manifests = new ManifestChecker();
    private final TextEvidenceReader textReader = new TextEvidenceReader();

    /** An analyzer for the given vocabulary (the built-in exit code and quantity rules are added). */
    public EvidenceAnalyzer(List<DetectionRule> vocabulary) {
        List<DetectionRule> all = new ArrayList<>(vocabulary);
        all.addAll(BUILT_IN);
        this.rules = List.copyOf(all);
        Map<String, Integer> phraseIndex = new LinkedHashMap<>();
        Map<Integer, List<Integer>> byPhrase = new HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String p : rules.get(r).phrases()) {
                int idx = phraseIndex.computeIfAbsent(p.toLowerCase(Locale.ROOT), k -> phraseIndex.size());
                byPhrase.computeIfAbsent(idx, k -> new ArrayList<>()).add(r);
            }
        }
        this.automaton = new PhraseAutomaton(new ArrayList<>(phraseIndex.keySet()));
        this.wordStart = new int[phraseIndex.size()];
        for (Map.Entry<String, Integer> p : phraseIndex.entrySet()) {
            String phrase = p.getKey();
            // a short phrase that begins with a letter or digit is a word: "ntp" is no hit in "mountPath"
            wordStart[p.getValue()] = phrase.length() <= SHORT_PHRASE && Character.isLetterOrDigit(phrase.charAt(0))
                    ? phrase.length() : 0;
        }
        this.rulesOfPhrase = new int[phraseIndex.size()][];
        for (int i = 0; i < rulesOfPhrase.length; i++) {
            rulesOfPhrase[i] = byPhrase.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
    }

    /** The rules in use, vocabulary first. */
    public List<DetectionRule> rules() {
        return rules;
    }

    /** Analyzes one incident; never throws on odd text. */
    public EvidenceAnalysis analyze(Incident incident) {
        List<String> notes = new ArrayList<>();
        Map<Redactor.Kind, Integer> redacted = new HashMap<>();

        String symptoms = incident.symptoms();
        if (symptoms.length() > MAX_SYMPTOMS) {
            notes.add("symptoms truncated from " + symptoms.length() + " to " + MAX_SYMPTOMS + " characters");
            symptoms = symptoms.substring(0, MAX_SYMPTOMS);
        }
        symptoms = clean(symptoms);
        symptoms = redact(symptoms, redacted);

        List<Evidence> kept = new ArrayList<>();
        // the decisive lines are read from the whole text, before it is bounded below
        List<TextFinding> findings = new ArrayList<>(textReader.read(symptoms));
        int budget = MAX_TOTAL;
        int index = 0;
        for (Evidence e : incident.evidence()) {
            String text = clean(e.text());
            findings.addAll(textReader.read(text));
            int limit = Math.min(MAX_EVIDENCE, budget);
            if (limit <= 0) {
                notes.add("evidence " + index + " (" + describe(e) + ") dropped: the " + MAX_TOTAL
                        + "-character budget for all evidence was used up");
                index++;
                continue;
            }
            if (text.length() > limit) {
                int head = limit / 4;
                int tail = limit - head;
                int omitted = text.length() - head - tail;
                notes.add("evidence " + index + " (" + describe(e) + ") truncated from " + text.length() + " to "
                        + limit + " characters: kept the first " + head + " and the last " + tail);
                text = text.substring(0, head) + "\n[... " + omitted + " characters omitted ...]\n"
                        + text.substring(text.length() - tail);
            }
            budget -= Math.min(text.length(), budget);
            String source = redact(e.source(), redacted);
            kept.add(new Evidence(e.kind(), source, redact(text, redacted)));
            index++;
        }
        int total = redacted.values().stream().mapToInt(Integer::intValue).sum();
        if (total > 0) {
            notes.add("redacted " + total + " secret" + (total == 1 ? "" : "s") + " (" + redacted + ")");
        }
        ClusterContext ctx = incident.context();
        Incident clean = kept.stream().allMatch(e -> e.text().isBlank()) && symptoms.isBlank()
                ? incident.withEvidence("(no readable text)", kept)
                : incident.withEvidence(symptoms, kept);

        Map<String, Signal> found = new LinkedHashMap<>();
        Map<String, String> named = ObjectExtractor.ordered();
        putContext(ctx, named);
        detect(symptoms, 0.8, found, named);
        boolean describesPod = false;
        List<String> manifestTexts = new ArrayList<>();
        for (Evidence e : kept) {
            detect(e.text(), weight(e.kind()), found, named);
            describesPod |= e.kind() == EvidenceKind.DESCRIBE && (e.text().contains("Containers:")
                    || e.source().contains("pod") || e.text().contains("Exit Code:")
                    || e.text().contains("Restart Count:") || e.text().contains("Last State:"));
            if (e.kind() == EvidenceKind.MANIFEST || ManifestChecker.looksLikeManifest(e.text())) {
                manifestTexts.add(e.text());
            }
        }
        if (!manifestTexts.isEmpty()) {
            // all manifests of an incident are one set of objects: a Service in one, its Deployment in another
            for (Signal s : manifests.check(String.join("\n---\n", manifestTexts), notes, named)) {
                found.merge(s.key(), s, EvidenceAnalyzer::stronger);
            }
        }
        ObjectExtractor.derive(named, describesPod);
        addFindings(findings, found, named, redacted);
        List<Signal> signals = new ArrayList<>(found.values());
        signals.sort(Comparator.comparingDouble(Signal::strength).reversed().thenComparing(Signal::key));
        List<Signal> out = new ArrayList<>(signals.subList(0, Math.min(signals.size(), MAX_SIGNALS - 16)));
        for (Map.Entry<String, String> o : named.entrySet()) {
            if (out.size() >= MAX_SIGNALS) {
                break;
            }
            out.add(new Signal(OBJECT_PREFIX + o.getKey(), SignalKind.OBJECT, o.getValue(), "", 0.5));
        }
        if (signals.size() > MAX_SIGNALS - 16) {
            notes.add("kept the " + (MAX_SIGNALS - 16) + " strongest of " + signals.size() + " signals");
        }
        if (out.stream().noneMatch(s -> s.kind() != SignalKind.OBJECT)) {
            notes.add("no known failure signal found in the evidence");
        }
        return new EvidenceAnalysis(clean, out, notes);
    }

    /**
     * Text findings become signals; the objects and values they read (host, port, image, taint...) name the
     * cause, ahead of names picked up elsewhere in the text. The strongest finding's line is the {@code quote}.
     */
    private void addFindings(List<TextFinding> findings, Map<String, Signal> found, Map<String, String> named,
                             Map<Redactor.Kind, Integer> redacted) {
        Map<String, String> values = new LinkedHashMap<>();
        TextFinding strongest = null;
        for (TextFinding f : findings) {
            String quote = redact(f.quote(), redacted);
            String value = f.values().isEmpty() ? quote : redact(f.values().values().iterator().next(), redacted);
            found.merge(f.key(), new Signal(f.key(), SignalKind.ERROR_PHRASE, value, quote, f.strength()),
                    EvidenceAnalyzer::stronger);
            for (Map.Entry<String, String> v : f.values().entrySet()) {
                values.putIfAbsent(v.getKey(), redact(v.getValue(), redacted));
            }
            if (strongest == null || f.strength() > strongest.strength()) {
                strongest = f;
            }
        }
        if (strongest != null) {
            values.putIfAbsent("quote", redact(strongest.quote(), redacted));
        }
        for (TextFinding f : findings) {
            String generic = TextEvidenceReader.REFINES.get(f.key());
            if (generic != null) {
                found.remove(generic);
            }
        }
        // first, so that they are among the object signals kept when there are many
        Map<String, String> others = new LinkedHashMap<>(named);
        named.clear();
        named.putAll(values);
        others.forEach(named::putIfAbsent);
    }

    private String redact(String text, Map<Redactor.Kind, Integer> redacted) {
        Redactor.Result r = redactor.redact(text);
        r.counts().forEach((k, v) -> redacted.merge(k, v, Integer::sum));
        return r.text();
    }

    private static void putContext(ClusterContext ctx, Map<String, String> named) {
        if (!ctx.namespace().isBlank()) {
            named.put("namespace", safeName(ctx.namespace()));
        }
        if (!ctx.name().isBlank() && !ctx.kind().isBlank()) {
            String kind = ctx.kind().toLowerCase(Locale.ROOT);
            named.put(kind.equals("persistentvolumeclaim") ? "pvc" : kind, safeName(ctx.name()));
        }
    }

    private static String safeName(String s) {
        String t = s.strip();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length() && b.length() < 253; i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '/') {
                b.append(c);
            }
        }
        return b.length() == 0 ? "unknown" : b.toString();
    }

    private static double weight(EvidenceKind kind) {
        return switch (kind) {
            case DESCRIBE, EVENTS, STATUS -> 1.0;
            case LOGS, ALERT, METRICS -> 0.95;
            case MANIFEST -> 0.7;
            case TEXT -> 0.9;
        };
    }

    /** Control characters other than tab and newline become spaces; CRLF becomes LF. */
    private static String clean(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 32 && c != '\n' && c != '\t') || c == 0x7f || c == '\uFFFF' || c == '\uFFFE') {
                if (b == null) {
                    b = new StringBuilder(text);
                }
                b.setCharAt(i, c == '\r' ? ' ' : ' ');
            }
        }
        return b == null ? text : b.toString();
    }

    private static String describe(Evidence e) {
        return e.kind().label() + (e.source().isBlank() ? "" : ", " + e.source());
    }

    private void detect(String text, double weight, Map<String, Signal> found, Map<String, String> named) {
        if (text.isEmpty()) {
            return;
        }
        // hits arrive left to right, so lines are handled one after the other; a line whose text was already
        // handled (repeated events, repeated log lines) is skipped whole
        Set<String> seenLines = new HashSet<>();
        Set<Integer> handledStarts = new HashSet<>();
        int[] current = {-1, 0};
        String[] line = {""};
        Set<Integer> triedRules = new HashSet<>();
        automaton.scan(text, (phrase, end) -> {
            int begin = end - wordStart[phrase];
            if (wordStart[phrase] > 0 && begin > 0 && Character.isLetterOrDigit(text.charAt(begin - 1))) {
                return;
            }
            int lineStart = text.lastIndexOf('\n', Math.max(0, end - 1)) + 1;
            if (lineStart != current[0]) {
                current[0] = lineStart;
                int lineEnd = text.indexOf('\n', end);
                if (lineEnd < 0) {
                    lineEnd = text.length();
                }
                line[0] = window(text, lineStart, lineEnd, end);
                triedRules.clear();
                boolean fresh = seenLines.add(line[0]);
                current[1] = fresh ? 1 : 0;
                handledStarts.add(lineStart);
                if (fresh) {
                    objects.extract(line[0], named);
                    quantities(line[0], found);
                }
            }
            if (current[1] == 0) {
                return;
            }
            for (int r : rulesOfPhrase[phrase]) {
                if (triedRules.add(r)) {
                    Signal s = match(rules.get(r), line[0], weight);
                    if (s != null) {
                        found.merge(s.key(), s, EvidenceAnalyzer::stronger);
                    }
                }
            }
        });
        // object names also hide in lines no symptom phrase selected (Name:, Namespace:, Node:)
        int lines = 0;
        int start = 0;
        while (start < text.length() && lines < 200) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (!handledStarts.contains(start)) {
                String l = window(text, start, end, start);
                objects.extract(l, named);
                quantities(l, found);
            }
            start = end + 1;
            lines++;
        }
    }

    private static void quantities(String line, Map<String, Signal> found) {
        if (line.length() > 80 || line.indexOf(':') < 0) {
            return;
        }
        Matcher m = MEMORY_QUANTITY.matcher(line);
        if (m.find()) {
            found.putIfAbsent("memory-quantity", new Signal("memory-quantity", SignalKind.QUANTITY, m.group(1),
                    line.strip(), 0.3));
            return;
        }
        m = CPU_QUANTITY.matcher(line);
        if (m.find()) {
            found.putIfAbsent("cpu-quantity", new Signal("cpu-quantity", SignalKind.QUANTITY, m.group(1),
                    line.strip(), 0.3));
        }
    }

    /** The line around a hit, at most {@link #MAX_LINE} characters. */
    private static String window(String text, int lineStart, int lineEnd, int hit) {
        if (lineEnd - lineStart <= MAX_LINE) {
            return text.substring(lineStart, lineEnd);
        }
        int from = Math.max(lineStart, Math.min(hit - MAX_LINE / 2, lineEnd - MAX_LINE));
        return text.substring(from, from + MAX_LINE);
    }

    private static Signal match(DetectionRule rule, String line, double weight) {
        String value;
        String key = rule.key();
        if (rule.patterns().isEmpty()) {
            value = firstPhrase(rule, line);
        } else {
            value = null;
            for (Pattern p : rule.patterns()) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    String g = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
                    value = g;
                    if (key.contains("{1}")) {
                        key = key.replace("{1}", g.toLowerCase(Locale.ROOT));
                    }
                    break;
                }
            }
            if (value == null) {
                return null;
            }
        }
        if (key.equals("exit-code-0")) {
            return null;
        }
        return new Signal(key, rule.kind(), value, excerpt(line), Math.min(1.0, rule.strength() * weight));
    }

    private static String firstPhrase(DetectionRule rule, String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        for (String p : rule.phrases()) {
            int at = lower.indexOf(p.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                return line.substring(at, at + p.length());
            }
        }
        return rule.phrases().get(0);
    }

    private static String excerpt(String line) {
        String t = line.strip();
        return t.length() <= 240 ? t : t.substring(0, 237) + "...";
    }

    private static Signal stronger(Signal a, Signal b) {
        return b.strength() > a.strength() ? b : a;
    }
}
