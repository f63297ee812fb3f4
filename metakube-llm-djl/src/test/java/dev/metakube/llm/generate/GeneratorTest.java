package dev.metakube.llm.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    @TempDir
    static Path tmp;
    static Qwen3Model model;
    static Qwen3Tokenizer tokenizer;
    static Generator generator;
    static int[] prompt;

    @BeforeAll
    static void open() {
        TinyCheckpoint.write(tmp, TinyCheckpoint.TINY, 9, 1);
        try (Checkpoint ck = Checkpoint.open(tmp)) {
            model = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 1024);
        }
        tokenizer = Qwen3Tokenizer.bundled();
        generator = new Generator(model, tokenizer);
        prompt = tokenizer.encode("<|im_start|>user\nwhy is my pod pending?<|im_end|>\n<|im_start|>assistant\n");
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
    }

    private static GenerationResult run(SamplingParams p, int max, Set<Integer> eos, List<String> stops) {
        return generator.generate(new Generator.Request(prompt, max, eos, stops, p), null, null);
    }

    @Test
    void seededSamplingIsReproducibleAndGreedyIsDeterministic() {
        SamplingParams p = new SamplingParams(0.9, 20, 0.95, 77);
        GenerationResult a = run(p, 24, Set.of(), List.of());
        GenerationResult b = run(p, 24, Set.of(), List.of());
        assertArrayEquals(a.tokens(), b.tokens());
        GenerationResult c = run(new SamplingParams(0.9, 20, 0.95, 78), 24, Set.of(), List.of());
        assertFalse(java.util.Arrays.equals(a.tokens(), c.tokens()), "another seed, same tokens");
        assertArrayEquals(run(SamplingParams.GREEDY, 16, Set.of(), List.of()).tokens(),
                run(SamplingParams.GREEDY, 16, Set.of(), List.of()).tokens());
        assertEquals(StopReason.MAX_TOKENS, a.reason());
        assertEquals(24, a.tokens().length);
    }

    @Test
    void stopsOnAnyEosIdAndOnStopStrings() {
        int[] greedy = run(SamplingParams.GREEDY, 12, Set.of(), List.of()).tokens();
        // make the 5th greedy token an eos id: generation must end just before it
        GenerationResult e = run(SamplingParams.GREEDY, 12, Set.of(151643, greedy[4]), List.of());
        assertEquals(StopReason.EOS, e.reason());
        int firstEos = 0;
        while (greedy[firstEos] != greedy[4]) {
            firstEos++;
        }
        assertEquals(firstEos, e.tokens().length);
        String full = tokenizer.decode(greedy, false);
        String stop = full.substring(Math.min(full.length() - 1, full.length() / 2)).substring(0, 1);
        GenerationResult s = run(SamplingParams.GREEDY, 12, Set.of(), List.of(stop));
        assertEquals(StopReason.STOP_STRING, s.reason());
        assertFalse(s.text().contains(stop));
        assertTrue(full.startsWith(s.text()));
    }

    @Test
    void streamingDeliversExactlyTheTextAndCancellationStops() {
        StringBuilder streamed = new StringBuilder();
        GenerationResult r = generator.generate(new Generator.Request(prompt, 20, Set.of(), List.of("zzzz"),
                SamplingParams.GREEDY), streamed::append, null);
        assertEquals(r.text(), streamed.toString());
        Cancellation c = new Cancellation();
        int[] count = {0};
        GenerationResult cancelled = generator.generate(new Generator.Request(prompt, 100, Set.of(), List.of(),
                SamplingParams.GREEDY), t -> {
                    if (++count[0] == 3) {
                        c.cancel();
                    }
                }, c);
        assertEquals(StopReason.CANCELLED, cancelled.reason());
        assertTrue(cancelled.tokens().length < 100);
    }
}
