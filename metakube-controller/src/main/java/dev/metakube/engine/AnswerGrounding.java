package dev.metakube.engine;

import dev.metakube.api.CausalChain;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Signal;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.RecalledMemory;
import dev.metakube.template.TemplateModelProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Trusts a language model's answer only as far as the evidence carries it. A model's self-reported confidence is
 * never used: the answer's root cause is scored against what the engine gave the model, namely the incident's
 * objects, its findings (signals), the causal chains and the memories. A root cause that names none of the
 * incident's objects or findings and agrees with no chain or memory is ungrounded (a model of random weights writes
 * such text at any confidence it likes); the template model's answer, built from the same request, is then given
 * first and the model's is kept as a hypothesis.
 *
 * <p>The score, in [0, 1], is {@code 0.5·e + 0.5·s}: {@code e} is 0, 0.5 or 1 for none, one, or two or more objects
 * and findings named; {@code s} is the best agreement with a chain or memory (the share of the shorter statement's
 * content words found in the other) weighted by that chain's score or that memory's calibrated probability. The
 * engine calibrates the score like its own raw confidences; an ungrounded answer is never raised above its score.
 */
final class AnswerGrounding {
    /** The template model's name: its answers are built from the chains and memories and are not scored here. */
    static final String TEMPLATE = "template";
    private static final double EVIDENCE_WEIGHT = 0.5;
    /** Names shorter than this are too common to count as naming an object ("db", "app"). */
    private static final int MIN_NAME = 4;

    private AnswerGrounding() {
    }

    /**
     * The answer the engine uses and the raw confidence to calibrate.
     *
     * @param answer   the answer to give: the model's, or the template model's when the model's is ungrounded
     * @param raw      the raw confidence in [0, 1]: the grounding score, or the template model's own confidence
     *                 when it wrote the answer as the configured model
     * @param grounded whether the model's answer was grounded (always true for the template model)
     */
    record Judged(ModelAnswer answer, double raw, boolean grounded) {
        /** The confidence to report, given its calibration: an ungrounded answer is never raised above its score. */
        double bound(double calibrated) {
            return grounded ? calibrated : Math.min(calibrated, raw);
        }
    }

    /** Judges the answer {@code modelName} gave to {@code request}. */
    static Judged judge(String modelName, ModelRequest request, ModelAnswer answer) {
        if (TEMPLATE.equals(modelName)) {
            return new Judged(answer, answer.confidence(), true);
        }
        int named = named(answer.rootCause(), request);
        double support = support(answer.rootCause(), request);
        double score = clamp(EVIDENCE_WEIGHT * Math.min(1.0, named / 2.0) + (1 - EVIDENCE_WEIGHT) * support);
        boolean agrees = agreesWithSource(answer.rootCause(), request);
        if (named > 0 || agrees) {
            return new Judged(answer, score, true);
        }
        ModelAnswer template;
        try (var t = TemplateModelProvider.newModel()) {
            template = t.answer(request);
        }
        List<Hypothesis> hypotheses = new ArrayList<>(template.hypotheses());
        hypotheses.add(new Hypothesis(answer.category(), answer.rootCause(), score, "model"));
        List<String> notes = new ArrayList<>(answer.notes());
        notes.add("the model's answer was not grounded: its root cause names none of the incident's objects or"
                + " findings and agrees with no causal chain or memory given; the template model's answer is given"
                + " first and the model's is kept as a hypothesis");
        notes.addAll(template.notes());
        return new Judged(new ModelAnswer(template.category(), template.rootCause(), template.causalChain(),
                template.remediation(), template.prevention(), hypotheses, template.confidence(), notes), score, false);
    }

    /** How many of the incident's objects and findings the statement names. */
    static int named(String statement, ModelRequest r) {
        String text = statement.toLowerCase(Locale.ROOT);
        String compact = compact(text);
        Set<String> words = CauseMatcher.words(statement);
        int n = 0;
        for (String object : objects(r)) {
            if (text.contains(object) || prefixNamed(text, object)) {
                n++;
            }
        }
        Set<String> seen = new HashSet<>();
        for (Signal s : r.signals()) {
            if (!seen.add(s.key())) {
                continue;
            }
            Set<String> keyWords = CauseMatcher.words(s.key());
            boolean named = compact.contains(compact(s.key()))
                    || (keyWords.size() >= 2 && words.containsAll(keyWords))
                    || (s.value().length() >= 3 && text.contains(s.value().toLowerCase(Locale.ROOT)));
            if (named) {
                n++;
            }
        }
        return n;
    }

    /** The incident's object names: the context's workload and namespace. */
    private static Set<String> objects(ModelRequest r) {
        Set<String> out = new LinkedHashSet<>();
        ClusterContext c = r.incident().context();
        for (String name : new String[] {c.name(), c.namespace()}) {
            if (name != null && name.length() >= MIN_NAME && !name.equals("default")) {
                out.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** A generated pod name ({@code api-6f7c9d-x2x8q}) is named by its workload's prefix ({@code api-6f7c9d}). */
    private static boolean prefixNamed(String text, String object) {
        for (String token : text.split("[^a-z0-9.-]+")) {
            if (token.length() >= MIN_NAME + 2 && token.contains("-") && object.startsWith(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean agreesWithSource(String statement, ModelRequest r) {
        for (CausalChain c : r.chains()) {
            if (CauseMatcher.same(statement, c.rootCause())) {
                return true;
            }
        }
        for (RecalledMemory m : r.memories()) {
            if (CauseMatcher.same(statement, m.memory().rootCause())) {
                return true;
            }
        }
        return false;
    }

    /** The best agreement with a chain or a memory, weighted by how much the engine trusts that source. */
    static double support(String statement, ModelRequest r) {
        double best = 0;
        for (CausalChain c : r.chains()) {
            best = Math.max(best, agreement(statement, c.rootCause()) * c.score());
        }
        for (RecalledMemory m : r.memories()) {
            best = Math.max(best, agreement(statement, m.memory().rootCause()) * m.confidence());
        }
        return best;
    }

    /** The share of the shorter statement's content words found in the other, in [0, 1]. */
    static double agreement(String a, String b) {
        Set<String> x = CauseMatcher.words(a);
        Set<String> y = CauseMatcher.words(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        Set<String> inter = new HashSet<>(x);
        inter.retainAll(y);
        return (double) inter.size() / Math.min(x.size(), y.size());
    }

    private static String compact(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
