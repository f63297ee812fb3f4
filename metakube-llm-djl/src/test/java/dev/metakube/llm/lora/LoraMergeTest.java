package dev.metakube.llm.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metakube.api.InvalidInputException;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.qwen3.KvCache;
import dev.metakube.llm.qwen3.Qwen3Config;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.qwen3.Qwen3ModelTest;
import dev.metakube.llm.qwen3.ReferenceQwen3;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import dev.metakube.llm.safetensors.Floats;
import dev.metakube.llm.safetensors.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraMergeTest {
    static final Qwen3Config C = Qwen3ModelTest.SMALL;
    static final List<String> TARGETS = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
            "down_proj");

    @TempDir
    Path tmp;

    /** The unmerged reference modules for an adapter written by TinyCheckpoint. */
    private static Map<String, ReferenceQwen3.Lora> unmerged(Map<String, float[]> factors, double alpha, boolean rslora,
                                                             Map<String, Integer> rankPattern, int r) {
        Map<String, ReferenceQwen3.Lora> out = new HashMap<>();
        for (String key : factors.keySet()) {
            if (!key.endsWith(".lora_A.weight")) {
                continue;
            }
            String module = key.substring("base_model.model.model.".length(), key.length() - ".lora_A.weight".length());
            int rank = r;
            for (var p : rankPattern.entrySet()) {
                if (module.endsWith(p.getKey())) {
                    rank = p.getValue();
                }
            }
            double s = rslora ? alpha / Math.sqrt(rank) : alpha / rank;
            out.put(module + ".weight", new ReferenceQwen3.Lora(factors.get(key),
                    factors.get(key.replace("lora_A", "lora_B")), rank, s));
        }
        return out;
    }

    private void checkMergeAtLoad(boolean rslora, Map<String, Integer> rankPattern) {
        Path base = tmp.resolve("base");
        Path adapter = tmp.resolve("adapter" + rslora);
        Map<String, float[]> w = TinyCheckpoint.write(base, C, 21, 1);
        Map<String, float[]> f = TinyCheckpoint.writeAdapter(adapter, C, TARGETS, 4, 16, rslora, rankPattern, 5);
        double[][] ref = new ReferenceQwen3(C, w, unmerged(f, 16, rslora, rankPattern, 4)).logits(Qwen3ModelTest.TOKENS);
        double[][] plain = new ReferenceQwen3(C, w).logits(Qwen3ModelTest.TOKENS);
        try (Checkpoint ck = Checkpoint.open(base); LoraAdapter a = LoraAdapter.open(adapter);
             Qwen3Model m = Qwen3Model.load(ck, a, Device.cpu(), DataType.FLOAT32, 256); KvCache cache = m.newCache(16)) {
            float[] all = m.forward(Qwen3ModelTest.TOKENS, cache, Qwen3Model.Output.ALL_LOGITS);
            for (int t = 0; t < ref.length; t++) {
                double err = Qwen3ModelTest.relativeError(ref[t], all, t * C.vocabSize());
                assertTrue(err <= 1e-4, "position " + t + ": merged differs from unmerged W x + s B(A x) by " + err);
            }
            // the adapter must matter, or the check above proves nothing
            assertTrue(Qwen3ModelTest.relativeError(plain[ref.length - 1], all, (ref.length - 1) * C.vocabSize()) > 1e-2);
        }
    }

    @Test
    void mergedAtLoadEqualsUnmerged() {
        checkMergeAtLoad(false, Map.of());
    }

    @Test
    void rsLoraAndRankPatternsAreApplied() {
        checkMergeAtLoad(true, Map.of("down_proj", 2));
    }

    @Test
    void mergeLoraWritesACheckpointRoundedOnce() throws IOException {
        Path base = tmp.resolve("base");
        Path adapter = tmp.resolve("adapter");
        Path out = tmp.resolve("merged");
        Map<String, float[]> w = TinyCheckpoint.write(base, C, 21, 2);
        Map<String, float[]> f = TinyCheckpoint.writeAdapter(adapter, C, List.of("q_proj", "down_proj"), 4, 8, false,
                Map.of(), 5);
        assertEquals(2 * C.layers(), LoraMerger.merge(base, adapter, out));
        assertTrue(Files.exists(out.resolve("config.json")) && Files.exists(out.resolve(Checkpoint.INDEX)));
        // element by element: bf16(W + s·B A) with the product in double, and untouched tensors copied exactly
        String module = "layers.1.mlp.down_proj";
        float[] a = f.get("base_model.model.model." + module + ".lora_A.weight");
        float[] b = f.get("base_model.model.model." + module + ".lora_B.weight");
        float[] base0 = w.get(module + ".weight");
        int rows = C.hiddenSize();
        int cols = C.intermediateSize();
        try (Checkpoint merged = Checkpoint.open(out)) {
            float[] got = merged.floats(module + ".weight", rows, cols);
            int mismatches = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double d = 0;
                    for (int k = 0; k < 4; k++) {
                        d += (double) b[i * 4 + k] * a[k * cols + j];
                    }
                    float expect = Floats.bf16ToFloat(Floats.floatToBf16((float) (base0[i * cols + j] + 2.0 * d)));
                    if (expect != got[i * cols + j]) {
                        mismatches++;
                    }
                }
            }
            // f32 rounding of the product may move a value across a bf16 rounding boundary, rarely
            assertTrue(mismatches <= rows * cols / 1000, mismatches + " of " + rows * cols + " elements differ");
            float[] untouched = merged.floats("layers.0.mlp.up_proj.weight", C.intermediateSize(), C.hiddenSize());
            assertEquals(List.of(), diff(w.get("layers.0.mlp.up_proj.weight"), untouched));
        }
    }

    private static List<Integer> diff(float[] x, float[] y) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToIntBits(x[i]) != Float.floatToIntBits(y[i])) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void unsupportedAdaptersAreRefusedByName() throws IOException {
        Path adapter = tmp.resolve("dora");
        TinyCheckpoint.writeAdapter(adapter, C, List.of("q_proj"), 4, 8, false, Map.of(), 1);
        Path cfg = adapter.resolve("adapter_config.json");
        String original = Files.readString(cfg);
        Files.writeString(cfg, original.replace("\"use_dora\":false", "\"use_dora\":true"));
        assertTrue(assertThrows(InvalidInputException.class, () -> LoraAdapter.open(adapter)).getMessage()
                .contains("DoRA"));
        Files.writeString(cfg, original.replace("\"modules_to_save\":null", "\"modules_to_save\":[\"lm_head\"]"));
        assertTrue(assertThrows(InvalidInputException.class, () -> LoraAdapter.open(adapter)).getMessage()
                .contains("modules_to_save"));
        Files.writeString(cfg, original.replace("[\"q_proj\"]", "[\"q_proj\",\"embed_tokens\"]"));
        assertTrue(assertThrows(InvalidInputException.class, () -> LoraAdapter.open(adapter)).getMessage()
                .contains("embed_tokens"));
        Files.writeString(cfg, original.replace("\"bias\":\"none\"", "\"bias\":\"all\""));
        assertTrue(assertThrows(InvalidInputException.class, () -> LoraAdapter.open(adapter)).getMessage()
                .contains("bias"));
        Files.writeString(cfg, original);
        try (LoraAdapter a = LoraAdapter.open(adapter); SafetensorsFile f = SafetensorsFile.open(
                adapter.resolve("adapter_model.safetensors"))) {
            assertEquals(C.layers(), a.modules().size());
            assertEquals(2 * C.layers(), f.tensors().size());
        }
    }
}
