package dev.metakube.llm.qwen3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.llm.safetensors.DType;
import dev.metakube.llm.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes small Qwen3 checkpoints with random weights in bf16 safetensors, deterministic in a seed, in the exact
 * Hugging Face layout (single file or shards with an index), and PEFT adapters for them. They exercise every code
 * path of loading and decoding in seconds; their output is meaningless text.
 *
 * <p>From the command line: {@code TinyCheckpoint OUT_DIR [--sharded] [--tied]} writes one with the real Qwen3
 * vocabulary size, so the bundled tokenizer applies.
 */
public final class TinyCheckpoint {
    /** A tiny configuration over the real vocabulary (151,936 ids), untied head. */
    public static final Qwen3Config TINY = new Qwen3Config(64, 2, 4, 2, 16, 128, 151_936, 1_000_000, 1e-6, false,
            40_960);

    private TinyCheckpoint() {
    }

    /** Random weights of a configuration, by name without prefix, as f32 values already rounded to bf16. */
    public static Map<String, float[]> weights(Qwen3Config c, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>(Qwen3Model.weightShapes(c));
        if (!c.tieWordEmbeddings()) {
            shapes.put("lm_head.weight", new long[] {c.vocabSize(), c.hiddenSize()});
        }
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long[] s = e.getValue();
            int n = (int) (s.length == 1 ? s[0] : s[0] * s[1]);
            float[] v = new float[n];
            boolean norm = s.length == 1;
            double std = norm ? 0.1 : e.getKey().startsWith("embed") ? 1.0 : 1 / Math.sqrt(s[1]);
            for (int i = 0; i < n; i++) {
                double x = (norm ? 1 : 0) + std * r.nextGaussian();
                v[i] = dev.metakube.llm.safetensors.Floats.bf16ToFloat(
                        dev.metakube.llm.safetensors.Floats.floatToBf16((float) x));
            }
            w.put(e.getKey(), v);
        }
        return w;
    }

    /**
     * Writes a checkpoint to {@code dir}: {@code config.json} and {@code model.safetensors}, or {@code shards} files
     * and {@code model.safetensors.index.json} when {@code shards > 1}. Returns the weights written.
     */
    public static Map<String, float[]> write(Path dir, Qwen3Config c, long seed, int shards) {
        Map<String, float[]> w = weights(c, seed);
        try {
            Files.createDirectories(dir);
            c.write(dir);
            Map<String, long[]> shapes = new LinkedHashMap<>(Qwen3Model.weightShapes(c));
            if (!c.tieWordEmbeddings()) {
                shapes.put("lm_head.weight", new long[] {c.vocabSize(), c.hiddenSize()});
            }
            List<List<SafetensorsWriter.Entry>> files = new ArrayList<>();
            for (int i = 0; i < Math.max(1, shards); i++) {
                files.add(new ArrayList<>());
            }
            int i = 0;
            Map<String, String> weightMap = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : w.entrySet()) {
                String stored = e.getKey().equals("lm_head.weight") ? e.getKey() : "model." + e.getKey();
                int shard = shards <= 1 ? 0 : i++ % shards;
                files.get(shard).add(SafetensorsWriter.Entry.of(stored, DType.BF16, shapes.get(e.getKey()),
                        e.getValue()));
                weightMap.put(stored, shardName(shard, shards));
            }
            for (int s = 0; s < files.size(); s++) {
                SafetensorsWriter.write(dir.resolve(shardName(s, shards)), files.get(s));
            }
            if (shards > 1) {
                ObjectMapper json = new ObjectMapper();
                ObjectNode index = json.createObjectNode();
                index.putObject("metadata").put("total_size", 2 * c.parameters());
                ObjectNode map = index.putObject("weight_map");
                weightMap.forEach(map::put);
                Files.writeString(dir.resolve(Checkpoint.INDEX), json.writeValueAsString(index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w;
    }

    private static String shardName(int shard, int shards) {
        return shards <= 1 ? Checkpoint.SINGLE
                : String.format("model-%05d-of-%05d.safetensors", shard + 1, shards);
    }

    /**
     * Writes a PEFT LoRA adapter for {@code c} adapting {@code targets} of every layer with rank {@code r}; returns its
     * factors by stored name. Both factors are random (a trained adapter's B is not zero).
     */
    public static Map<String, float[]> writeAdapter(Path dir, Qwen3Config c, List<String> targets, int r, double alpha,
                                                    boolean rslora, Map<String, Integer> rankPattern, long seed) {
        Random rnd = new Random(seed);
        Map<String, long[]> shapes = Qwen3Model.weightShapes(c);
        Map<String, float[]> out = new LinkedHashMap<>();
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            for (String t : targets) {
                String module = "layers." + l + "." + (t.endsWith("proj") && t.matches("[qkvo]_proj") ? "self_attn."
                        : "mlp.") + t;
                long[] s = shapes.get(module + ".weight");
                int rank = r;
                for (Map.Entry<String, Integer> p : rankPattern.entrySet()) {
                    if (module.endsWith(p.getKey())) {
                        rank = p.getValue();
                    }
                }
                float[] a = new float[(int) (rank * s[1])];
                float[] b = new float[(int) (s[0] * rank)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = bf16((float) (rnd.nextGaussian() / Math.sqrt(s[1])));
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = bf16((float) (rnd.nextGaussian() * 0.1));
                }
                String prefix = "base_model.model.model." + module;
                entries.add(SafetensorsWriter.Entry.of(prefix + ".lora_A.weight", DType.BF16, new long[] {rank, s[1]}, a));
                entries.add(SafetensorsWriter.Entry.of(prefix + ".lora_B.weight", DType.BF16, new long[] {s[0], rank}, b));
                out.put(prefix + ".lora_A.weight", a);
                out.put(prefix + ".lora_B.weight", b);
            }
        }
        try {
            Files.createDirectories(dir);
            SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), entries);
            ObjectMapper json = new ObjectMapper();
            ObjectNode cfg = json.createObjectNode();
            cfg.put("peft_type", "LORA");
            cfg.put("r", r);
            cfg.put("lora_alpha", alpha);
            cfg.put("use_rslora", rslora);
            cfg.put("use_dora", false);
            cfg.put("bias", "none");
            cfg.put("fan_in_fan_out", false);
            cfg.putNull("modules_to_save");
            var tm = cfg.putArray("target_modules");
            targets.forEach(tm::add);
            ObjectNode rp = cfg.putObject("rank_pattern");
            rankPattern.forEach(rp::put);
            cfg.putObject("alpha_pattern");
            Files.writeString(dir.resolve("adapter_config.json"), json.writeValueAsString(cfg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static float bf16(float x) {
        return dev.metakube.llm.safetensors.Floats.bf16ToFloat(dev.metakube.llm.safetensors.Floats.floatToBf16(x));
    }

    /**
     * Writes a tiny random checkpoint: {@code TinyCheckpoint OUT_DIR [--sharded] [--tied]}.
     *
     * @param args the output directory and options
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: TinyCheckpoint OUT_DIR [--sharded] [--tied]");
        }
        List<String> opts = List.of(args).subList(1, args.length);
        Qwen3Config c = TINY;
        if (opts.contains("--tied")) {
            c = new Qwen3Config(c.hiddenSize(), c.layers(), c.heads(), c.kvHeads(), c.headDim(), c.intermediateSize(),
                    c.vocabSize(), c.ropeTheta(), c.rmsNormEps(), true, c.maxPositions());
        }
        write(Path.of(args[0]), c, 42, opts.contains("--sharded") ? 3 : 1);
    }
}
