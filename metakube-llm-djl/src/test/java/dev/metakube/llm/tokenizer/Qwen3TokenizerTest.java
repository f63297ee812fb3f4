package dev.metakube.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Qwen3TokenizerTest {
    static Qwen3Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Qwen3Tokenizer.bundled();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void chatTemplateWithThinkingOffEncodesToTheReferenceIds() {
        String prompt = ChatTemplate.render(List.of(new ChatTemplate.Message("user", "Hello, 世界!")), false);
        assertEquals("<|im_start|>user\nHello, 世界!<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n", prompt);
        assertArrayEquals(new int[] {151644, 872, 198, 9707, 11, 220, 99489, 0, 151645, 198, 151644, 77091, 198, 151667,
            271, 151668, 271}, tokenizer.encode(prompt));
    }

    @Test
    void chatTemplateWithThinkingOnAndHistory() {
        String prompt = ChatTemplate.render(List.of(new ChatTemplate.Message("system", "Be brief."),
                new ChatTemplate.Message("user", "hi"),
                new ChatTemplate.Message("assistant", "<think>\nhmm\n</think>\n\nhello"),
                new ChatTemplate.Message("user", "again")), true);
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n"
                + "<|im_start|>assistant\nhello<|im_end|>\n<|im_start|>user\nagain<|im_end|>\n<|im_start|>assistant\n",
                prompt);
    }

    @Test
    void decodingIsTheInverseOfEncodingAndStreamsWholeCharacters() {
        String text = "kubectl describe pod api-7d9 -n prod → OOMKilled (exit 137) 世界 ✓";
        int[] ids = tokenizer.encode(text);
        assertEquals(text, tokenizer.decode(ids, false));
        StringBuilder streamed = new StringBuilder();
        Qwen3Tokenizer.StreamDecoder d = tokenizer.streamDecoder();
        for (int id : ids) {
            String piece = d.add(id);
            assertTrue(piece.indexOf('\uFFFD') < 0, "a partial character was emitted");
            streamed.append(piece);
        }
        assertEquals(text, streamed.toString());
        assertEquals(151_669, tokenizer.size());
        assertTrue(tokenizer.isSpecial(Qwen3Tokenizer.IM_END));
        assertEquals("</think>", tokenizer.decode(new int[] {Qwen3Tokenizer.END_THINK}, false));
        assertEquals("", tokenizer.decode(new int[] {Qwen3Tokenizer.IM_END}, false));
    }
}
