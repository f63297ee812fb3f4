package dev.metakube.llm.tokenizer;

import dev.metakube.api.InvalidInputException;
import java.util.List;

/**
 * Qwen3's ChatML template (the {@code chat_template} of its {@code tokenizer_config.json}, without tools):
 * {@code <|im_start|>{role}\n{content}<|im_end|>\n} per message, then {@code <|im_start|>assistant\n} and, with
 * thinking off, the empty thinking block {@code <think>\n\n</think>\n\n}. Past assistant turns keep only what follows
 * their thinking, as the template does.
 */
public final class ChatTemplate {
    private ChatTemplate() {
    }

    /**
     * One chat message.
     *
     * @param role    {@code system}, {@code user} or {@code assistant}
     * @param content its text
     */
    public record Message(String role, String content) {
        public Message {
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw new InvalidInputException("chat.role", "must be system, user or assistant, was " + role);
            }
            content = content == null ? "" : content;
        }
    }

    /** Renders the conversation and the generation prompt. */
    public static String render(List<Message> messages, boolean thinking) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.role().equals("system") && i != 0) {
                throw new InvalidInputException("chat", "a system message may only come first");
            }
            String content = m.content();
            if (m.role().equals("assistant") && content.contains("</think>")) {
                content = content.substring(content.lastIndexOf("</think>") + "</think>".length()).stripLeading();
            }
            b.append("<|im_start|>").append(m.role()).append('\n').append(content).append("<|im_end|>\n");
        }
        b.append("<|im_start|>assistant\n");
        if (!thinking) {
            b.append("<think>\n\n</think>\n\n");
        }
        return b.toString();
    }
}
