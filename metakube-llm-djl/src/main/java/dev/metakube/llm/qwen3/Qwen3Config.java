package dev.metakube.llm.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture of a Qwen3 checkpoint, read from its {@code config.json}.
 *
 * @param hiddenSize        model width
 * @param layers            decoder layers
 * @param heads             query heads
 * @param kvHeads           key/value heads (GQA groups)
 * @param headDim           width of one head
 * @param intermediateSize  SwiGLU width
 * @param vocabSize         rows of the embedding and of the output head
 * @param ropeTheta         RoPE base θ
 * @param rmsNormEps        RMSNorm ε
 * @param tieWordEmbeddings whether the output head is the embedding matrix
 * @param maxPositions      the longest context the model was trained for, in tokens
 */
public record Qwen3Config(int hiddenSize, int layers, int heads, int kvHeads, int headDim, int intermediateSize,
                          int vocabSize, double ropeTheta, double rmsNormEps, boolean tieWordEmbeddings,
                          int maxPositions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Qwen3Config {
        positive(hiddenSize, "hidden_size");
        positive(layers, "num_hidden_layers");
        positive(heads, "num_attention_heads");
        positive(kvHeads, "num_key_value_heads");
        positive(headDim, "head_dim");
        positive(intermediateSize, "intermediate_size");
        positive(vocabSize, "vocab_size");
        positive(maxPositions, "max_position_embeddings");
        if (heads % kvHeads != 0) {
            throw new InvalidInputException("config.json", "num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new InvalidInputException("config.json", "head_dim must be even for RoPE, was " + headDim);
        }
        if (!(ropeTheta > 0) || !(rmsNormEps > 0)) {
            throw new InvalidInputException("config.json", "rope_theta and rms_norm_eps must be positive");
        }
    }

    private static void positive(int v, String field) {
        if (v <= 0) {
            throw new InvalidInputException("config.json", field + " must be positive, was " + v);
        }
    }

    /** Query heads served by one key/value head. */
    public int groups() {
        return heads / kvHeads;
    }

    /** Width of all query heads together. */
    public int qDim() {
        return heads * headDim;
    }

    /** Width of all key (or value) heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Parameters of the decoder, output head included once when tied. */
    public long parameters() {
        long perLayer = (long) hiddenSize * (qDim() + 2L * kvDim()) + (long) qDim() * hiddenSize
                + 3L * hiddenSize * intermediateSize + 2L * hiddenSize + 2L * headDim;
        return (long) vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2) + layers * perLayer + hiddenSize;
    }

    /**
     * Reads {@code dir/config.json}.
     *
     * @throws InvalidInputException when the file is missing, not Qwen3, or uses a feature this decoder lacks
     */
    public static Qwen3Config read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("model.dir", dir + " has no config.json: not a Hugging Face checkpoint");
        }
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("model.dir", "cannot read " + file + ": " + e.getMessage(), e);
        }
        String type = c.path("model_type").asText("");
        if (!type.equals("qwen3")) {
            throw new InvalidInputException("model.dir", file + " has model_type '" + type
                    + "'; this decoder runs Qwen3 checkpoints only (model_type 'qwen3')");
        }
        JsonNode scaling = c.path("rope_scaling");
        if (!scaling.isMissingNode() && !scaling.isNull()) {
            throw new InvalidInputException("model.dir", file + " sets rope_scaling " + scaling
                    + "; RoPE scaling (YaRN) is not supported: remove it to run within max_position_embeddings");
        }
        if (c.path("use_sliding_window").asBoolean(false)) {
            throw new InvalidInputException("model.dir", file + " sets use_sliding_window; sliding-window attention is"
                    + " not supported (Qwen3 checkpoints ship with it off)");
        }
        if (c.path("attention_bias").asBoolean(false)) {
            throw new InvalidInputException("model.dir", file + " sets attention_bias; Qwen3 has none");
        }
        int hidden = c.path("hidden_size").asInt();
        int heads = c.path("num_attention_heads").asInt();
        return new Qwen3Config(hidden, c.path("num_hidden_layers").asInt(), heads,
                c.path("num_key_value_heads").asInt(heads), c.path("head_dim").asInt(heads == 0 ? 0 : hidden / heads),
                c.path("intermediate_size").asInt(), c.path("vocab_size").asInt(),
                c.path("rope_theta").asDouble(1_000_000), c.path("rms_norm_eps").asDouble(1e-6),
                c.path("tie_word_embeddings").asBoolean(false), c.path("max_position_embeddings").asInt(40_960));
    }

    /** Writes this configuration as a Hugging Face {@code config.json}. */
    public void write(Path dir) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("Qwen3ForCausalLM");
        c.put("model_type", "qwen3");
        c.put("hidden_size", hiddenSize);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("head_dim", headDim);
        c.put("intermediate_size", intermediateSize);
        c.put("vocab_size", vocabSize);
        c.put("rope_theta", ropeTheta);
        c.put("rms_norm_eps", rmsNormEps);
        c.put("tie_word_embeddings", tieWordEmbeddings);
        c.put("max_position_embeddings", maxPositions);
        c.put("hidden_act", "silu");
        c.put("torch_dtype", "bfloat16");
        c.put("bos_token_id", 151643);
        c.put("eos_token_id", 151645);
        c.putNull("rope_scaling");
        Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }
}
