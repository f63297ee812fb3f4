package dev.metakube.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.InvalidInputException;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.ModelOutputException;
import dev.metakube.spi.TextCompletion;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A judge that asks a text model (appendix A.4): the prompt gives the rubric, the reference and the candidate,
 * and asks for one JSON object with the ten sub-scores; the first JSON object in the completion is read. An
 * answer without every sub-score as a number in [0, 10] is rejected with {@link ModelOutputException}, never
 * guessed.
 *
 * <p>Any configured {@link DiagnosticModel} that offers {@link DiagnosticModel#completion()} can judge
 * ({@link #using(DiagnosticModel)}); the template model cannot.
 */
public final class ModelJudge implements Judge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Completion model;
    private final String name;

    /** A judge over a text model, such as a scripted one in tests; its {@link #name()} is {@code "completion"}. */
    public ModelJudge(Completion model) {
        this(model, "completion");
    }

    private ModelJudge(Completion model, String name) {
        this.model = model;
        this.name = name;
    }

    /**
     * A judge backed by a diagnostic model's free-form completion. Each answer is decoded as one JSON object of the
     * ten sub-scores, integers in [0, 10], so even a weak model gives a readable grade. The k-th call (counting from
     * 0) samples with seed k: repeated runs over the same cases grade them independently, and a whole evaluation is
     * reproducible. The judge does not own the model; the caller closes it.
     *
     * @throws InvalidInputException naming the model when it offers no completion (the template model)
     */
    public static ModelJudge using(DiagnosticModel model) {
        TextCompletion completion = model.completion().orElseThrow(() -> new InvalidInputException("judge.model",
                "the model '" + model.name() + "' has no free-form completion, so it cannot act as judge;"
                        + " configure a language model, such as a Qwen3 checkpoint (metakube.model.dir)"));
        AtomicLong calls = new AtomicLong();
        List<String> fields = List.of(JudgeScore.FIELDS);
        return new ModelJudge(prompt -> completion.complete(TextCompletion.Request.integers(prompt, fields, 0, 10,
                calls.getAndIncrement())), model.name());
    }

    /** The judging model's name, as reports show it. */
    public String name() {
        return name;
    }

    /** The prompt for one case. */
    public static String prompt(JudgeCase c) {
        return """
                You are a senior Kubernetes site reliability engineer grading a diagnosis written by an assistant.
                Compare the CANDIDATE with the REFERENCE for the incident below and score each item from 0 (absent \
                or wrong) to 10 (as good as the reference or better):
                - root_cause: does it name the same underlying cause and the objects involved?
                - resolution: would its remediation resolve the incident?
                - prevention: does it say how to keep it from recurring?
                - alignment: does its conclusion agree with the reference?
                - method: does it reach it by a sound diagnostic path (the evidence a person would check)?
                - steps: are the remediation steps complete and in a workable order?
                - commands: are its kubectl commands correct and runnable?
                - edge_cases: does it cover what could go differently (other causes, side effects, verification)?
                - correctness: is everything it states technically true?
                - best_practice: is it safe (destructive actions flagged, least privilege, no risky shortcuts)?
                Answer with one JSON object and nothing else, e.g. {"root_cause": 7, "resolution": 6, ...}.

                INCIDENT:
                %s

                REFERENCE:
                %s
                CANDIDATE:
                %s""".formatted(c.symptoms(), c.reference(), c.candidate());
    }

    @Override
    public JudgeScore score(JudgeCase c) {
        String answer = model.complete(prompt(c));
        return parse(answer == null ? "" : answer);
    }

    /** Reads the sub-scores from a completion. */
    static JudgeScore parse(String answer) {
        int start = answer.indexOf('{');
        int end = answer.indexOf('}', start + 1);
        if (start < 0 || end < 0) {
            throw new ModelOutputException("the judge gave no JSON object: " + abbreviate(answer));
        }
        JsonNode o;
        try {
            o = JSON.readTree(answer.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new ModelOutputException("the judge's JSON is malformed: " + abbreviate(answer));
        }
        double[] v = new double[JudgeScore.FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = o.get(JudgeScore.FIELDS[i]);
            if (n == null || !n.isNumber() || n.asDouble() < 0 || n.asDouble() > 10) {
                throw new ModelOutputException("the judge's answer lacks a score in [0, 10] for "
                        + JudgeScore.FIELDS[i] + ": " + abbreviate(answer));
            }
            v[i] = n.asDouble();
        }
        return new JudgeScore(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
