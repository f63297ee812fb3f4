package dev.metakube.engine;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text an incident is embedded and remembered by: its symptoms, its signal keys and their excerpts, with the
 * names of this particular instance masked. Two incidents of the same fault in different workloads differ mostly
 * in names (namespace, workload, pod hash, registry, addresses, numbers); left in, those names dominate the
 * similarity of short texts, and memories of other faults in the same namespace outrank the same fault elsewhere.
 * The same function serves queries and stored episodes, so that they are comparable.
 */
final class IncidentText {
    /** Enough for the symptom and the telling lines; embedders truncate long input anyway. */
    static final int MAX_CHARS = 2_000;

    private static final Pattern HOST = Pattern.compile(
            "\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|io|dev|local|internal|cloud|example|svc|cluster)\\b(:\\d+)?");
    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?(:\\d+)?\\b");
    /**
     * Pod-template hashes, pod suffixes, container ids, digests: five or more letters and digits with a digit
     * among them. Words that end in their number ({@code arm64}, {@code sha256}) and API versions
     * ({@code v1beta1}) are kept: they tell faults apart.
     */
    private static final Pattern ID = Pattern.compile(
            "\\b(?![a-z]+\\d+\\b)(?!v\\d+(?:alpha|beta)\\d+\\b)(?=[a-z0-9]*\\d)[a-z0-9]{5,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+([.:]\\d+)*\\b");

    /**
     * Word pieces (about; see {@link #pieces}) of the text an incident is embedded by. A semantic embedder's time
     * grows with its input (bge-small on one core: about 5 ms for a few pieces, 20 ms for a hundred), and the
     * decisive part of an incident is short: what the evidence analysis found, then the symptoms.
     */
    static final int EMBEDDED_PIECES = 32;
    /** Placeholders of masked names: they tell incidents apart by nothing, and cost an embedder three pieces. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z]+>");

    private IncidentText() {
    }

    /**
     * The short text an incident is embedded by, for queries and stored memories alike (so that they stay
     * comparable): the keys of what the evidence analysis found, strongest first, as words; then the symptoms, the
     * telling lines of the strongest signals and, when those are few, the start of the evidence, names masked as
     * in {@link #of} and placeholders dropped; cut at about {@value #EMBEDDED_PIECES} word pieces.
     */
    static String embedded(EvidenceAnalysis analysis) {
        StringBuilder b = new StringBuilder();
        int[] budget = {EMBEDDED_PIECES};
        for (Signal s : analysis.signals()) {
            if (s.kind() != SignalKind.OBJECT && !add(b, s.key().replace('-', ' '), budget)) {
                return b.toString();
            }
        }
        if (!add(b, unnamed(analysis.incident().symptoms(), analysis), budget)) {
            return b.toString();
        }
        Set<String> seen = new HashSet<>();
        for (Signal s : analysis.signals()) {
            String excerpt = s.excerpt().strip();
            if (!excerpt.isEmpty() && seen.add(excerpt) && !add(b, unnamed(excerpt, analysis), budget)) {
                return b.toString();
            }
        }
        String all = analysis.incident().allText();
        String symptoms = analysis.incident().symptoms();
        if (all.startsWith(symptoms)) {
            all = all.substring(symptoms.length()); // the symptoms are above
        }
        add(b, unnamed(all.substring(0, Math.min(all.length(), 400)), analysis), budget);
        return b.toString();
    }

    private static String unnamed(String text, EvidenceAnalysis analysis) {
        return PLACEHOLDER.matcher(masked(text, analysis)).replaceAll(" ");
    }

    /** Appends the words of {@code text} (those with a letter or digit) while the budget lasts; false once spent. */
    private static boolean add(StringBuilder b, String text, int[] budget) {
        for (String word : text.strip().split("\\s+")) {
            if (word.chars().noneMatch(Character::isLetterOrDigit)) {
                continue; // what masking left of a name ("/", ":")
            }
            int cost = pieces(word);
            if (cost > budget[0]) {
                budget[0] = 0;
                return false;
            }
            budget[0] -= cost;
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(word);
        }
        return budget[0] > 0;
    }

    /**
     * About how many word pieces a BERT tokenizer makes of a word: one per run of letters or digits (a second one
     * when the run is long), one per other character.
     */
    static int pieces(String word) {
        int n = 0;
        int run = 0;
        for (int i = 0; i <= word.length(); i++) {
            char c = i < word.length() ? word.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                run++;
                continue;
            }
            if (run > 0) {
                n += run > 8 ? 2 : 1;
                run = 0;
            }
            if (i < word.length()) {
                n++;
            }
        }
        return n;
    }

    static String of(EvidenceAnalysis analysis) {
        StringBuilder b = new StringBuilder();
        String symptoms = analysis.incident().symptoms().strip();
        if (!symptoms.isEmpty()) {
            b.append(symptoms).append('\n');
        }
        if (!analysis.signals().isEmpty()) {
            b.append("signals:");
            for (Signal s : analysis.signals()) {
                b.append(' ').append(s.key());
            }
            b.append('\n');
            for (Signal s : analysis.signals()) {
                if (b.length() > MAX_CHARS) {
                    break;
                }
                if (!s.excerpt().isEmpty()) {
                    b.append(s.excerpt().strip()).append('\n');
                }
            }
        }
        if (b.length() < 200) {
            // Nothing recognised: fall back to the start of the evidence itself.
            String all = analysis.incident().allText();
            b.append(all, 0, Math.min(all.length(), MAX_CHARS - b.length()));
        }
        String text = masked(b.toString(), analysis);
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS).strip() : text.strip();
    }

    /** Replaces the names of this instance (context, objects, hosts, addresses, ids, numbers) by placeholders. */
    static String masked(String text, EvidenceAnalysis analysis) {
        return NUMBER.matcher(namesMasked(text, analysis)).replaceAll("<n>");
    }

    /** Like {@link #masked} but keeps numbers (quantities in a command, a priority value). */
    static String namesMasked(String text, EvidenceAnalysis analysis) {
        List<String[]> names = new ArrayList<>();
        ClusterContext c = analysis.incident().context();
        if (c != null) {
            names.add(new String[] {c.namespace(), "<namespace>"});
            names.add(new String[] {c.name(), "<workload>"});
            c.labels().values().forEach(v -> names.add(new String[] {v, "<label>"}));
        }
        for (Signal s : analysis.signals()) {
            if (s.kind() == SignalKind.OBJECT) {
                names.add(new String[] {s.value(), "<object>"});
            }
        }
        // longest first, so that a name containing another is replaced whole
        names.sort(Comparator.comparingInt((String[] n) -> n[0] == null ? 0 : n[0].length()).reversed());
        String t = text;
        for (String[] n : names) {
            if (n[0] != null && n[0].length() >= 3) {
                t = t.replace(n[0], n[1]);
            }
        }
        t = HOST.matcher(t).replaceAll("<host>");
        t = IP.matcher(t).replaceAll("<address>");
        return ID.matcher(t).replaceAll("<id>");
    }
}
