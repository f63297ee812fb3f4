package dev.metakube.llm.diagnose;

import dev.metakube.api.Evidence;
import dev.metakube.llm.prompt.DiagnosisPrompt;
import dev.metakube.llm.tokenizer.ChatTemplate;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import dev.metakube.spi.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the Qwen3 chat prompt for a request: the messages of {@link DiagnosisPrompt}, with Qwen3's control tokens
 * written inside data defused as well, so instructions in logs cannot change what the model is asked. The evidence is truncated first when the prompt would not fit the token budget, and the truncation is
 * reported.
 */
final class PromptBuilder {
    private final Qwen3Tokenizer tokenizer;

    PromptBuilder(Qwen3Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * A rendered prompt.
     *
     * @param text   the ChatML text
     * @param ids    its token ids
     * @param notes  what a person should know (truncation)
     */
    record Prompt(String text, int[] ids, List<String> notes) {
    }

    /** Makes {@code s} inert inside the prompt: control tokens and block markers are broken up. */
    String defuse(String s) {
        return defuseControlTokens(DiagnosisPrompt.defuseMarkers(s));
    }

    /** Breaks up control tokens ({@code <|im_end|>}, {@code <think>}...) so that {@code s} cannot open or close turns. */
    String defuseControlTokens(String s) {
        String out = s;
        for (String t : tokenizer.addedTokens()) {
            if (out.contains(t)) {
                out = out.replace(t, t.replace("<", "< ").replace(">", " >"));
            }
        }
        return out;
    }

    /** Renders the prompt within {@code budget} tokens, truncating evidence when needed. */
    Prompt build(ModelRequest r, boolean thinking, int budget) {
        List<Evidence> evidence = new ArrayList<>(r.incident().evidence());
        String text = render(r, evidence, thinking);
        int[] ids = tokenizer.encode(text);
        if (ids.length <= budget) {
            return new Prompt(text, ids, List.of());
        }
        int totalChars = evidence.stream().mapToInt(e -> e.text().length()).sum();
        // what the prompt costs without evidence text, and how many characters of evidence fit per token
        List<Evidence> empty = new ArrayList<>();
        for (Evidence e : evidence) {
            empty.add(new Evidence(e.kind(), e.source(), ""));
        }
        int base = tokenizer.encode(render(r, empty, thinking)).length;
        int room = budget - base;
        if (room < 16 * Math.max(1, evidence.size())) {
            throw new dev.metakube.api.InvalidInputException("incident", "the prompt does not fit the " + budget
                    + "-token budget even without evidence; shorten the symptoms, memories or chains");
        }
        double charsPerToken = (double) totalChars / Math.max(1, ids.length - base);
        double fraction = Math.min(1.0, room * charsPerToken * 0.97 / totalChars);
        for (int attempt = 0; attempt < 6; attempt++) {
            List<Evidence> shorter = new ArrayList<>();
            for (Evidence e : evidence) {
                shorter.add(new Evidence(e.kind(), e.source(), DiagnosisPrompt.cut(e.text(), (int) (e.text().length() * fraction))));
            }
            text = render(r, shorter, thinking);
            ids = tokenizer.encode(text);
            if (ids.length <= budget) {
                int kept = shorter.stream().mapToInt(e -> e.text().length()).sum();
                return new Prompt(text, ids, List.of(String.format(Locale.ROOT, "evidence truncated to fit the"
                        + " context (%d tokens for the prompt): %d of %d characters kept, the start and the end of"
                        + " each item", budget, Math.min(kept, totalChars), totalChars)));
            }
            fraction *= 0.97 * budget / ids.length;
        }
        throw new dev.metakube.api.InvalidInputException("incident", "the evidence could not be truncated to fit the "
                + budget + "-token budget");
    }

    private String render(ModelRequest r, List<Evidence> evidence, boolean thinking) {
        return ChatTemplate.render(List.of(new ChatTemplate.Message("system", DiagnosisPrompt.system(r.mode())),
                new ChatTemplate.Message("user", DiagnosisPrompt.user(r, evidence, this::defuse))), thinking);
    }
}
