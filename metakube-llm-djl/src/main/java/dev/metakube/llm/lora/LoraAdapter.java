package dev.metakube.llm.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.InvalidInputException;
import dev.metakube.llm.safetensors.SafetensorsFile;
import dev.metakube.llm.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PEFT LoRA adapter directory ({@code adapter_config.json}, {@code adapter_model.safetensors}) for a Qwen3
 * decoder. Each adapted linear layer {@code W} ({@code [out, in]}) becomes {@code W + s·(B A)} with {@code A}
 * {@code [r, in]}, {@code B} {@code [out, r]} and {@code s = alpha / r}, or {@code alpha / sqrt(r)} with rsLoRA;
 * {@code rank_pattern} and {@code alpha_pattern} override r and alpha per module. What this merge does not
 * support (DoRA, biases, {@code modules_to_save}, LoRA on embeddings or the output head, fan-in-fan-out
 * layouts) is refused by name when the adapter is opened.
 */
public final class LoraAdapter implements AutoCloseable {
    /** The linear layers of a Qwen3 decoder layer that an adapter may target. */
    public static final Set<String> LINEAR = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
            "down_proj");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE = Pattern.compile("^(?:base_model\\.model\\.)?(?:model\\.)?"
            + "(layers\\.\\d+\\.(?:self_attn|mlp)\\.([a-z_]+))\\.lora_([AB])(?:\\.[A-Za-z0-9_]+)?\\.weight$");

    /**
     * The factors of one adapted module.
     *
     * @param module the module name without prefix ({@code "layers.3.self_attn.q_proj"})
     * @param a      {@code A} entry, {@code [r, in]}
     * @param b      {@code B} entry, {@code [out, r]}
     * @param scale  s
     */
    public record Factors(String module, TensorInfo a, TensorInfo b, double scale) {
        /** The rank r. */
        public int rank() {
            return (int) a.shape()[0];
        }
    }

    private final Path dir;
    private final SafetensorsFile file;
    private final Map<String, Factors> modules;

    private LoraAdapter(Path dir, SafetensorsFile file, Map<String, Factors> modules) {
        this.dir = dir;
        this.file = file;
        this.modules = modules;
    }

    /**
     * Opens and validates an adapter.
     *
     * @throws InvalidInputException naming what is missing or unsupported
     */
    public static LoraAdapter open(Path dir) {
        Path cfgFile = dir.resolve("adapter_config.json");
        Path weights = dir.resolve("adapter_model.safetensors");
        if (!Files.isRegularFile(cfgFile) || !Files.isRegularFile(weights)) {
            throw new InvalidInputException("model.adapter", dir
                    + " is not a PEFT adapter: it needs adapter_config.json and adapter_model.safetensors");
        }
        JsonNode c;
        try {
            c = JSON.readTree(cfgFile.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("model.adapter", "cannot read " + cfgFile + ": " + e.getMessage(), e);
        }
        String type = c.path("peft_type").asText("LORA");
        if (!type.equals("LORA")) {
            throw new InvalidInputException("model.adapter", "peft_type " + type + " is not supported; only LORA");
        }
        if (c.path("use_dora").asBoolean(false)) {
            throw new InvalidInputException("model.adapter", "DoRA adapters (use_dora) are not supported");
        }
        if (c.path("fan_in_fan_out").asBoolean(false)) {
            throw new InvalidInputException("model.adapter", "fan_in_fan_out adapters are not supported");
        }
        String bias = c.path("bias").asText("none");
        if (!bias.equals("none")) {
            throw new InvalidInputException("model.adapter", "adapters with bias '" + bias + "' are not supported");
        }
        JsonNode save = c.path("modules_to_save");
        if (save.isArray() && !save.isEmpty()) {
            throw new InvalidInputException("model.adapter", "modules_to_save " + save + " is not supported");
        }
        JsonNode targets = c.path("target_modules");
        if (targets.isArray()) {
            for (JsonNode t : targets) {
                if (!LINEAR.contains(t.asText())) {
                    throw new InvalidInputException("model.adapter", "target module '" + t.asText()
                            + "' is not supported; LoRA may target " + LINEAR);
                }
            }
        }
        int r = c.path("r").asInt(8);
        double alpha = c.path("lora_alpha").asDouble(8);
        boolean rslora = c.path("use_rslora").asBoolean(false);
        Map<String, JsonNode> rankPattern = fields(c.path("rank_pattern"));
        Map<String, JsonNode> alphaPattern = fields(c.path("alpha_pattern"));

        SafetensorsFile f = SafetensorsFile.open(weights);
        try {
            Map<String, TensorInfo[]> pairs = new LinkedHashMap<>();
            for (TensorInfo t : f.tensors().values()) {
                var m = MODULE.matcher(t.name());
                if (!m.matches() || !LINEAR.contains(m.group(2))) {
                    throw new InvalidInputException("model.adapter", "adapter tensor '" + t.name()
                            + "' is not a LoRA factor of a Qwen3 linear layer (embeddings, lm_head and biases are"
                            + " not supported)");
                }
                TensorInfo[] pair = pairs.computeIfAbsent(m.group(1), k -> new TensorInfo[2]);
                pair[m.group(3).equals("A") ? 0 : 1] = t;
            }
            Map<String, Factors> modules = new LinkedHashMap<>();
            for (Map.Entry<String, TensorInfo[]> e : pairs.entrySet()) {
                TensorInfo a = e.getValue()[0];
                TensorInfo b = e.getValue()[1];
                if (a == null || b == null) {
                    throw new InvalidInputException("model.adapter", "module " + e.getKey()
                            + " has only one of lora_A and lora_B");
                }
                long[] as = a.shape();
                long[] bs = b.shape();
                if (as.length != 2 || bs.length != 2 || as[0] != bs[1]) {
                    throw new InvalidInputException("model.adapter", "module " + e.getKey() + ": lora_A "
                            + List.of(as[0], as.length > 1 ? as[1] : -1) + " and lora_B do not share a rank");
                }
                int rank = (int) match(rankPattern, e.getKey(), r);
                double moduleAlpha = match(alphaPattern, e.getKey(), alpha);
                if (rank != as[0]) {
                    throw new InvalidInputException("model.adapter", "module " + e.getKey() + " has rank " + as[0]
                            + " but adapter_config.json says " + rank);
                }
                double s = rslora ? moduleAlpha / Math.sqrt(rank) : moduleAlpha / rank;
                modules.put(e.getKey(), new Factors(e.getKey(), a, b, s));
            }
            if (modules.isEmpty()) {
                throw new InvalidInputException("model.adapter", weights + " holds no LoRA factors");
            }
            return new LoraAdapter(dir, f, Collections.unmodifiableMap(modules));
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** PEFT's rule: a pattern key applies to a module whose name ends with it (as a whole dotted part). */
    private static double match(Map<String, JsonNode> patterns, String module, double fallback) {
        for (Map.Entry<String, JsonNode> e : patterns.entrySet()) {
            if (Pattern.compile("(.*\\.)?" + e.getKey() + "$").matcher(module).matches()
                    || Pattern.compile("(.*\\.)?" + e.getKey() + "$").matcher("model." + module).matches()) {
                return e.getValue().asDouble();
            }
        }
        return fallback;
    }

    public Path dir() {
        return dir;
    }

    /** The adapted modules by name without prefix. */
    public Map<String, Factors> modules() {
        return modules;
    }

    /** The factors of a module ({@code "layers.0.self_attn.q_proj"}), or null when it is not adapted. */
    public Factors factors(String module) {
        return modules.get(module);
    }

    /** A factor as f32. */
    public float[] floats(TensorInfo t) {
        return file.readFloats(t.name());
    }

    @Override
    public void close() {
        file.close();
    }
}
