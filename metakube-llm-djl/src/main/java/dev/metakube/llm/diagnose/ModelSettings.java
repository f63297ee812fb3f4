package dev.metakube.llm.diagnose;

import ai.djl.ndarray.types.DataType;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The settings of the Qwen3 diagnostic model, from {@link MetaKubeConfig#property(String)}.
 *
 * @param dir            {@code metakube.model.dir}: the Hugging Face checkpoint directory
 * @param adapter        {@code metakube.model.adapter}: a PEFT LoRA adapter to merge at load, or null
 * @param gpu            {@code metakube.model.device}: {@code gpu} or {@code cpu} (default)
 * @param dtype          {@code metakube.model.dtype}: {@code fp32} (default) or {@code fp16}
 * @param thinkingTokens {@code metakube.model.thinkingTokens}: the thinking budget of the analytical mode (512; 0
 *                       turns thinking off)
 * @param seed           {@code metakube.model.seed}: the sampling seed (0), mixed with the incident id
 * @param constrained    {@code metakube.model.constrained}: schema-constrained JSON decoding (true)
 * @param answerTokens   {@code metakube.model.answerTokens}: tokens reserved for the answer (1,536); the most an
 *                       unconstrained answer may use
 */
public record ModelSettings(Path dir, Path adapter, boolean gpu, DataType dtype, int thinkingTokens, long seed,
                            boolean constrained, int answerTokens) {
    public static final String DIR = "metakube.model.dir";
    public static final String ADAPTER = "metakube.model.adapter";
    public static final String DEVICE = "metakube.model.device";
    public static final String DTYPE = "metakube.model.dtype";
    public static final String THINKING = "metakube.model.thinkingTokens";
    public static final String SEED = "metakube.model.seed";
    public static final String CONSTRAINED = "metakube.model.constrained";
    public static final String ANSWER_TOKENS = "metakube.model.answerTokens";

    public ModelSettings {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(DIR, "must name an existing checkpoint directory, was " + dir);
        }
        if (adapter != null && !Files.isDirectory(adapter)) {
            throw new InvalidInputException(ADAPTER, "must name an existing adapter directory, was " + adapter);
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new InvalidInputException(DTYPE, "must be fp32 or fp16");
        }
        if (answerTokens < 16) {
            throw new InvalidInputException(ANSWER_TOKENS, "must be at least 16, was " + answerTokens);
        }
        if (thinkingTokens < 0) {
            throw new InvalidInputException(THINKING, "must be >= 0, was " + thinkingTokens);
        }
    }

    /** Reads the settings; {@code metakube.model.dir} must be set. */
    public static ModelSettings from(MetaKubeConfig config) {
        String dir = config.property(DIR).orElseThrow(() -> new InvalidInputException(DIR, "is not set"));
        String device = config.property(DEVICE).orElse("cpu").toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new InvalidInputException(DEVICE, "must be cpu or gpu, was " + device);
        }
        String dtype = config.property(DTYPE).orElse("fp32").toLowerCase(Locale.ROOT);
        DataType type = switch (dtype) {
            case "fp32" -> DataType.FLOAT32;
            case "fp16" -> DataType.FLOAT16;
            default -> throw new InvalidInputException(DTYPE, "must be fp32 or fp16, was " + dtype);
        };
        return new ModelSettings(Path.of(dir), config.property(ADAPTER).map(Path::of).orElse(null),
                device.equals("gpu"), type, config.intProperty(THINKING, 512, 0),
                config.intProperty(SEED, 0, Integer.MIN_VALUE), config.booleanProperty(CONSTRAINED, true), config.intProperty(ANSWER_TOKENS, 1536, 16));
    }
}
