package dev.metakube.llm.prompt;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.RemediationStep;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.RecalledMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an answer against its request. Commands must be single {@code kubectl} invocations; read-only ones are kept;
 * a command that changes the cluster is kept only when its verb is supported by what the engine supplied (a causal
 * chain's commands or a memory's resolution), never because the incident text suggests it, since the incident is
 * untrusted. Dropped commands are reported in the notes; destructive commands are flagged. On the analytical pathway
 * the intuitive candidate is added to the hypotheses if the model left it out (paper 3.2.3).
 */
public final class AnswerValidator {
    private static final Set<String> READ_ONLY = Set.of("get", "describe", "logs", "top", "explain", "events",
            "api-resources", "api-versions", "version", "cluster-info", "auth");
    private static final Set<String> DESTRUCTIVE = Set.of("delete", "drain", "replace", "cordon", "taint");
    private static final Pattern SHELL = Pattern.compile("[;&|`<>]|\\$\\(");

    private AnswerValidator() {
    }

    /**
     * The answer with unsupported commands dropped (each reported in the notes), destructive ones flagged and, on the
     * analytical pathway, the intuitive candidate among the hypotheses.
     *
     * @param extraNotes notes to carry in front of the validator's own (repairs, truncations)
     */
    public static ModelAnswer validate(ModelAnswer a, ModelRequest r, List<String> extraNotes) {
        List<String> notes = new ArrayList<>(extraNotes);
        String supported = supportText(r);
        List<RemediationStep> steps = new ArrayList<>();
        for (RemediationStep s : a.remediation()) {
            String cmd = s.command().strip();
            if (cmd.isEmpty()) {
                steps.add(s);
                continue;
            }
            String why = check(cmd, supported);
            if (why != null) {
                notes.add("dropped the command \"" + shorten(cmd) + "\": " + why);
                steps.add(new RemediationStep(s.action(), "", false));
            } else {
                steps.add(new RemediationStep(s.action(), cmd, isDestructive(cmd)));
            }
        }
        List<Hypothesis> hypotheses = new ArrayList<>(a.hypotheses());
        if (hypotheses.stream().noneMatch(h -> h.rootCause().equals(a.rootCause()))) {
            hypotheses.add(0, new Hypothesis(a.category(), a.rootCause(), a.confidence(), "model"));
        }
        Hypothesis candidate = r.intuitiveCandidate();
        if (candidate != null && hypotheses.stream().noneMatch(h -> h.rootCause().equals(candidate.rootCause()))) {
            hypotheses.add(candidate);
            notes.add("the intuitive candidate was added to the hypotheses");
        }
        return new ModelAnswer(a.category(), a.rootCause(), a.causalChain(), steps, a.prevention(), hypotheses,
                a.confidence(), notes);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** The text of what the engine supplied: chains' commands and memories' resolutions. */
    private static String supportText(ModelRequest r) {
        StringBuilder b = new StringBuilder();
        for (CausalChain c : r.chains()) {
            c.confirm().forEach(x -> b.append(x).append('\n'));
            c.remediation().forEach(x -> b.append(x.command()).append('\n'));
        }
        for (RecalledMemory m : r.memories()) {
            b.append(m.memory().resolution()).append('\n');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Why a command is refused, or null when it is acceptable. */
    public static String check(String cmd, String supported) {
        if (SHELL.matcher(cmd).find()) {
            return "it chains shell commands or redirects";
        }
        String[] words = cmd.toLowerCase(Locale.ROOT).split("\\s+");
        if (!words[0].equals("kubectl")) {
            return "only kubectl commands are proposed";
        }
        String verb = verb(words);
        if (verb == null) {
            return "it has no kubectl verb";
        }
        if (READ_ONLY.contains(verb)) {
            return null;
        }
        String phrase = "kubectl " + verb;
        if (supported.contains(phrase + " ") && (!DESTRUCTIVE.contains(verb) || supportsTarget(words, verb, supported))) {
            return null;
        }
        return "'" + phrase + "' is not supported by the memories or causal chains given";
    }

    private static String verb(String[] words) {
        for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("-")) {
                return words[i];
            }
            if (!words[i].contains("=") && i + 1 < words.length) {
                i++;
            }
        }
        return null;
    }

    /** A destructive command needs its verb and its object's kind supported together. */
    private static boolean supportsTarget(String[] words, String verb, String supported) {
        int i = java.util.Arrays.asList(words).indexOf(verb);
        if (i + 1 >= words.length) {
            return false;
        }
        String kind = words[i + 1].split("/")[0];
        return supported.contains("kubectl " + verb + " " + kind);
    }

    private static boolean isDestructive(String cmd) {
        String[] words = cmd.toLowerCase(Locale.ROOT).split("\\s+");
        String verb = verb(words);
        return DESTRUCTIVE.contains(verb) || cmd.contains("--force") || cmd.contains("--grace-period=0")
                || (verb != null && verb.equals("scale") && cmd.matches(".*--replicas[= ]0\\b.*"));
    }
}
