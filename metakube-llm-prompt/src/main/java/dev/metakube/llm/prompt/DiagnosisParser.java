package dev.metakube.llm.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.metakube.api.Category;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.RemediationStep;
import dev.metakube.spi.ModelAnswer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a model's text into a diagnosis, or says precisely why it cannot. It strips thinking blocks and code fences,
 * takes the first JSON object, repairs what is safe to repair (a truncated tail, trailing commas, an over-long root
 * cause, a percentage confidence) and records each repair; it never invents a field the model did not write.
 * Everything it returns is still unvalidated against the request ({@link AnswerValidator} does that).
 */
public final class DiagnosisParser {
    /** Longest model output considered, in characters. */
    public static final int MAX_INPUT = 200_000;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxStringLength(MAX_INPUT).build());
    }

    private DiagnosisParser() {
    }

    /** The output could not be read as a diagnosis; the message says why. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * A parsed, not yet validated, diagnosis.
     *
     * @param answer  the answer
     * @param repairs what was repaired, in words
     */
    public record Parsed(ModelAnswer answer, List<String> repairs) {
    }

    /**
     * Reads a model's output as a diagnosis.
     *
     * @throws Malformed saying why the output is not a diagnosis
     */
    public static Parsed parse(String output) throws Malformed {
        if (output == null || output.isBlank()) {
            throw new Malformed("the model wrote nothing");
        }
        List<String> repairs = new ArrayList<>();
        String text = output.length() > MAX_INPUT ? output.substring(0, MAX_INPUT) : output;
        int endThink = text.lastIndexOf("</think>");
        if (endThink >= 0) {
            text = text.substring(endThink + "</think>".length());
        } else if (text.contains("<think>")) {
            throw new Malformed("the model never finished thinking");
        }
        int start = text.indexOf('{');
        if (start < 0) {
            throw new Malformed("no JSON object in the output");
        }
        String candidate = balanced(text, start, repairs);
        JsonNode root;
        try {
            root = JSON.readTree(candidate);
        } catch (JsonProcessingException e) {
            throw new Malformed("the JSON object does not parse: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("the output is not a JSON object");
        }
        return new Parsed(answer(root, repairs), List.copyOf(repairs));
    }

    /** The first balanced object from {@code start}; a truncated one is closed, dropping an unfinished member. */
    private static String balanced(String text, int start, List<String> repairs) throws Malformed {
        Deque<Character> stack = new ArrayDeque<>();
        boolean inString = false;
        char quoteChar = '"';
        boolean escape = false;
        int lastSafe = -1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == quoteChar) {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> {
                    inString = true;
                    quoteChar = c;
                }
                case '{' -> stack.push('}');
                case '[' -> stack.push(']');
                case '}', ']' -> {
                    if (stack.isEmpty() || stack.pop() != c) {
                        throw new Malformed("mismatched '" + c + "' at character " + i);
                    }
                    if (stack.isEmpty()) {
                        return text.substring(start, i + 1);
                    }
                    lastSafe = i;
                }
                case ',' -> lastSafe = i - 1;
                default -> {
                }
            }
        }
        // truncated: cut back to the last complete member and close what is open
        if (lastSafe < start) {
            throw new Malformed("the JSON object is truncated before its first member ended");
        }
        String head = text.substring(start, lastSafe + 1);
        Deque<Character> open = new ArrayDeque<>();
        boolean s = false;
        boolean esc = false;
        char q = '"';
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (s) {
                if (esc) {
                    esc = false;
                } else if (c == '\\') {
                    esc = true;
                } else if (c == q) {
                    s = false;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                s = true;
                q = c;
            } else if (c == '{') {
                open.push('}');
            } else if (c == '[') {
                open.push(']');
            } else if (c == '}' || c == ']') {
                open.pop();
            }
        }
        StringBuilder b = new StringBuilder(head.stripTrailing());
        if (b.length() > 0 && b.charAt(b.length() - 1) == ',') {
            b.setLength(b.length() - 1);
        }
        while (!open.isEmpty()) {
            b.append(open.pop());
        }
        repairs.add("the output was cut off; the unfinished part was dropped");
        return b.toString();
    }

    private static ModelAnswer answer(JsonNode root, List<String> repairs) throws Malformed {
        Category category = category(root.get("category"), "category");
        String rootCause = text(root.get("root_cause"));
        if (rootCause == null) {
            rootCause = text(root.get("rootCause"));
        }
        if (rootCause == null || rootCause.isBlank()) {
            throw new Malformed("the root cause is missing or empty");
        }
        rootCause = oneLine(rootCause);
        if (rootCause.length() > ModelAnswer.MAX_ROOT_CAUSE) {
            rootCause = ModelAnswer.clipRootCause(rootCause);
            repairs.add("the root cause was shortened to " + ModelAnswer.MAX_ROOT_CAUSE + " characters");
        }
        List<String> chain = strings(root.get("causal_chain"), "causal_chain", repairs);
        List<RemediationStep> remediation = new ArrayList<>();
        JsonNode rem = root.get("remediation");
        if (rem != null && rem.isArray()) {
            for (JsonNode r : rem) {
                String action = r.isTextual() ? r.asText() : text(r.get("action"));
                String command = r.isObject() ? text(r.get("command")) : null;
                if (action == null || action.isBlank()) {
                    repairs.add("a remediation step without an action was dropped");
                    continue;
                }
                remediation.add(new RemediationStep(oneLine(action), command == null ? "" : oneLine(command), false));
            }
        } else if (rem != null && !rem.isNull()) {
            repairs.add("remediation was not a list and was ignored");
        }
        List<String> prevention = strings(root.get("prevention"), "prevention", repairs);
        List<Hypothesis> hypotheses = new ArrayList<>();
        JsonNode hyp = root.get("hypotheses");
        if (hyp != null && hyp.isArray()) {
            for (JsonNode h : hyp) {
                String cause = text(h.get("root_cause"));
                Category hc;
                try {
                    hc = category(h.get("category"), "hypothesis category");
                } catch (Malformed e) {
                    repairs.add("a hypothesis with " + e.getMessage() + " was dropped");
                    continue;
                }
                if (cause == null || cause.isBlank()) {
                    repairs.add("a hypothesis without a root cause was dropped");
                    continue;
                }
                double score = number(h.get("score"), repairs, "a hypothesis score");
                hypotheses.add(new Hypothesis(hc, ModelAnswer.clipRootCause(oneLine(cause)), Double.isNaN(score) ? 0.5 : score, "model"));
            }
        }
        double confidence = number(root.get("confidence"), repairs, "the confidence");
        if (Double.isNaN(confidence)) {
            throw new Malformed("the confidence is missing or not a number");
        }
        try {
            return new ModelAnswer(category, rootCause, chain, remediation, prevention, hypotheses, confidence,
                    List.of());
        } catch (InvalidInputException e) {
            throw new Malformed(e.getMessage());
        }
    }

    private static Category category(JsonNode n, String what) throws Malformed {
        String s = text(n);
        if (s == null) {
            throw new Malformed("no " + what);
        }
        try {
            return Category.parse(s);
        } catch (InvalidInputException e) {
            throw new Malformed("an unknown " + what + " '" + (s.length() > 40 ? s.substring(0, 40) : s) + "'");
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static List<String> strings(JsonNode n, String field, List<String> repairs) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            repairs.add(field + " was not a list and was ignored");
            return out;
        }
        for (JsonNode x : n) {
            String s = text(x);
            if (s != null && !s.isBlank()) {
                out.add(oneLine(s));
            } else {
                repairs.add("a non-text item of " + field + " was dropped");
            }
        }
        return out;
    }

    /** A number in [0, 1]; a percentage is scaled; NaN when absent or unusable. */
    private static double number(JsonNode n, List<String> repairs, String what) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else {
            String s = n.asText().strip();
            boolean percent = s.endsWith("%");
            try {
                v = Double.parseDouble(percent ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
            if (percent) {
                v /= 100;
                repairs.add(what + " was a percentage");
            }
        }
        if (!Double.isFinite(v) || v < 0) {
            return Double.NaN;
        }
        if (v > 1 && v <= 100) {
            repairs.add(what + " " + v + " was read as a percentage");
            v /= 100;
        }
        return v > 1 ? Double.NaN : v;
    }
}
