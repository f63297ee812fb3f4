package dev.metakube.llm.qwen3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metakube.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class Qwen3ModelTest {
    /** Small enough for a double-precision reference over the whole vocabulary, GQA with 2 groups. */
    public static final Qwen3Config SMALL = new Qwen3Config(32, 2, 4, 2, 8, 48, 1000, 10_000, 1e-6, false, 256);
    static final Qwen3Config SMALL_TIED = new Qwen3Config(32, 2, 4, 2, 8, 48, 1000, 10_000, 1e-6, true, 256);
    public static final int[] TOKENS = {5, 17, 999, 0, 256, 42, 42, 7};

    @TempDir
    Path tmp;

    public static double relativeError(double[] ref, float[] got, int offset) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ref[i] - got[offset + i]));
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
        }
        return maxDiff / maxRef;
    }

    private void checkAgainstReference(Qwen3Config c, int shards) {
        Path dir = tmp.resolve("m" + shards + c.tieWordEmbeddings());
        Map<String, float[]> w = TinyCheckpoint.write(dir, c, 7, shards);
        double[][] ref = new ReferenceQwen3(c, w).logits(TOKENS);
        try (Checkpoint ck = Checkpoint.open(dir);
             Qwen3Model m = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256);
             KvCache cache = m.newCache(64)) {
            float[] all = m.forward(TOKENS, cache, Qwen3Model.Output.ALL_LOGITS);
            assertEquals(TOKENS.length * c.vocabSize(), all.length);
            for (int t = 0; t < TOKENS.length; t++) {
                double err = relativeError(ref[t], all, t * c.vocabSize());
                assertTrue(err <= 1e-4, "position " + t + " relative error " + err);
            }
        }
    }

    @Test
    void logitsMatchTheDoublePrecisionReference() {
        checkAgainstReference(SMALL, 1);
    }

    @Test
    void tiedHeadAndShardedCheckpointMatchTheReference() {
        checkAgainstReference(SMALL_TIED, 3);
    }

    @Test
    void kvCacheDecodingEqualsFullRecompute() {
        Path dir = tmp.resolve("kv");
        TinyCheckpoint.write(dir, SMALL, 11, 1);
        try (Checkpoint ck = Checkpoint.open(dir);
             Qwen3Model m = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256)) {
            float[] full;
            try (KvCache cache = m.newCache(64)) {
                full = m.forward(TOKENS, cache, Qwen3Model.Output.ALL_LOGITS);
            }
            try (KvCache cache = m.newCache(64)) {
                // a prefill of 3 tokens, then one token at a time
                float[] step = m.forward(new int[] {TOKENS[0], TOKENS[1], TOKENS[2]}, cache,
                        Qwen3Model.Output.LAST_LOGITS);
                assertClose(full, 2 * SMALL.vocabSize(), step);
                for (int t = 3; t < TOKENS.length; t++) {
                    step = m.forward(new int[] {TOKENS[t]}, cache, Qwen3Model.Output.LAST_LOGITS);
                    assertClose(full, t * SMALL.vocabSize(), step);
                }
                assertEquals(TOKENS.length, cache.length());
            }
        }
    }

    private static void assertClose(float[] full, int offset, float[] step) {
        double[] ref = new double[step.length];
        for (int i = 0; i < step.length; i++) {
            ref[i] = full[offset + i];
        }
        double err = relativeError(ref, step, 0);
        assertTrue(err <= 1e-5, "cached decode differs from full recompute by " + err);
    }

    @Test
    void fp16KeepsCloseToFp32() {
        Path dir = tmp.resolve("f16");
        TinyCheckpoint.write(dir, SMALL, 3, 1);
        try (Checkpoint ck = Checkpoint.open(dir);
             Qwen3Model m32 = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256);
             Qwen3Model m16 = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT16, 256);
             KvCache c32 = m32.newCache(16);
             KvCache c16 = m16.newCache(16)) {
            float[] a = m32.forward(TOKENS, c32, Qwen3Model.Output.LAST_LOGITS);
            float[] b = m16.forward(TOKENS, c16, Qwen3Model.Output.LAST_LOGITS);
            double[] ref = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                ref[i] = a[i];
            }
            double err = relativeError(ref, b, 0);
            assertTrue(err < 2e-2, "fp16 relative error " + err);
        }
    }

    @Test
    void fp16RefusesWeightsBeyondItsRange() {
        Path dir = tmp.resolve("overflow");
        Map<String, float[]> w = TinyCheckpoint.write(dir, SMALL, 3, 1);
        w.get("layers.1.mlp.down_proj.weight")[5] = 1e6f; // representable in bf16, infinite in f16
        java.util.List<dev.metakube.llm.safetensors.SafetensorsWriter.Entry> entries = new java.util.ArrayList<>();
        Map<String, long[]> shapes = new java.util.LinkedHashMap<>(Qwen3Model.weightShapes(SMALL));
        shapes.put("lm_head.weight", new long[] {SMALL.vocabSize(), SMALL.hiddenSize()});
        for (Map.Entry<String, float[]> e : w.entrySet()) {
            String name = e.getKey().startsWith("lm_head") ? e.getKey() : "model." + e.getKey();
            entries.add(dev.metakube.llm.safetensors.SafetensorsWriter.Entry.of(name,
                    dev.metakube.llm.safetensors.DType.BF16, shapes.get(e.getKey()), e.getValue()));
        }
        dev.metakube.llm.safetensors.SafetensorsWriter.write(dir.resolve(Checkpoint.SINGLE), entries);
        try (Checkpoint ck = Checkpoint.open(dir)) {
            dev.metakube.api.StorageCorruptedException e = assertThrows(
                    dev.metakube.api.StorageCorruptedException.class,
                    () -> Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT16, 256));
            assertTrue(e.getMessage().contains("down_proj") && e.getMessage().contains("fp32"), e.getMessage());
            Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256).close();
        }
    }

    @Test
    void longGenerationDoesNotGrowNativeMemory() {
        Path dir = tmp.resolve("mem");
        TinyCheckpoint.write(dir, SMALL, 5, 1);
        try (Checkpoint ck = Checkpoint.open(dir);
             Qwen3Model m = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256);
             KvCache cache = m.newCache(256)) {
            m.forward(TOKENS, cache, Qwen3Model.Output.LAST_LOGITS);
            int live = m.liveArrays();
            for (int i = 0; i < 200; i++) {
                m.forward(new int[] {i % SMALL.vocabSize()}, cache, Qwen3Model.Output.LAST_LOGITS);
            }
            assertEquals(live, m.liveArrays(), "arrays left behind by decoding steps");
        }
    }

    @Test
    void wrongCheckpointsGetClearErrors() throws IOException {
        Path notQwen = tmp.resolve("llama");
        Files.createDirectories(notQwen);
        Files.writeString(notQwen.resolve("config.json"), "{\"model_type\":\"llama\",\"hidden_size\":8}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Checkpoint.open(notQwen));
        assertTrue(e.getMessage().contains("qwen3"), e.getMessage());

        Path sharded = tmp.resolve("sharded");
        TinyCheckpoint.write(sharded, SMALL, 1, 3);
        Files.delete(sharded.resolve("model-00002-of-00003.safetensors"));
        e = assertThrows(InvalidInputException.class, () -> Checkpoint.open(sharded));
        assertTrue(e.getMessage().contains("model-00002-of-00003.safetensors"), e.getMessage());

        Path mismatch = tmp.resolve("mismatch");
        TinyCheckpoint.write(mismatch, SMALL, 1, 1);
        new Qwen3Config(32, 2, 4, 2, 8, 64, 1000, 10_000, 1e-6, false, 256).write(mismatch);
        try (Checkpoint ck = Checkpoint.open(mismatch)) {
            e = assertThrows(InvalidInputException.class,
                    () -> Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, 256));
            assertTrue(e.getMessage().contains("mlp.gate_proj") && e.getMessage().contains("shape"), e.getMessage());
        }
    }
}
