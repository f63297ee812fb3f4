package dev.metakube.llm.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.llm.safetensors.SafetensorsFile;
import dev.metakube.llm.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face Qwen3 checkpoint directory: {@code config.json} and either {@code model.safetensors} or shards listed
 * in {@code model.safetensors.index.json}. Weight names are resolved with or without the {@code model.} prefix.
 */
public final class Checkpoint implements AutoCloseable {
    /** The single-file weights name. */
    public static final String SINGLE = "model.safetensors";
    /** The shard index name. */
    public static final String INDEX = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Qwen3Config config;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> owner;
    private final String prefix;

    private Checkpoint(Path dir, Qwen3Config config, List<SafetensorsFile> files, Map<String, SafetensorsFile> owner) {
        this.dir = dir;
        this.config = config;
        this.files = files;
        this.owner = owner;
        this.prefix = owner.containsKey("model.embed_tokens.weight") ? "model." : "";
    }

    /**
     * Opens a checkpoint directory.
     *
     * @throws InvalidInputException when it is not a Qwen3 checkpoint or a shard is missing
     * @throws StorageCorruptedException when a file is damaged
     */
    public static Checkpoint open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("model.dir", dir + " is not a directory");
        }
        Qwen3Config config = Qwen3Config.read(dir);
        List<SafetensorsFile> files = new ArrayList<>();
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        try {
            Path index = dir.resolve(INDEX);
            if (Files.isRegularFile(index)) {
                JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
                if (!map.isObject() || map.isEmpty()) {
                    throw new StorageCorruptedException(index + " has no weight_map");
                }
                Map<String, SafetensorsFile> byShard = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String shard = e.getValue().asText();
                    if (shard.contains("/") || shard.contains("\\")) {
                        throw new StorageCorruptedException(index + " names a shard outside the directory: " + shard);
                    }
                    SafetensorsFile f = byShard.get(shard);
                    if (f == null) {
                        Path p = dir.resolve(shard);
                        if (!Files.isRegularFile(p)) {
                            throw new InvalidInputException("model.dir", "shard " + shard + " listed in " + INDEX
                                    + " is missing from " + dir);
                        }
                        f = SafetensorsFile.open(p);
                        files.add(f);
                        byShard.put(shard, f);
                    }
                    if (!f.tensors().containsKey(e.getKey())) {
                        throw new StorageCorruptedException("shard " + shard + " does not hold " + e.getKey()
                                + " as " + INDEX + " says");
                    }
                    owner.put(e.getKey(), f);
                }
            } else if (Files.isRegularFile(dir.resolve(SINGLE))) {
                SafetensorsFile f = SafetensorsFile.open(dir.resolve(SINGLE));
                files.add(f);
                for (String name : f.tensors().keySet()) {
                    owner.put(name, f);
                }
            } else {
                throw new InvalidInputException("model.dir", dir + " has neither " + SINGLE + " nor " + INDEX);
            }
        } catch (IOException e) {
            files.forEach(SafetensorsFile::close);
            throw new StorageCorruptedException("cannot read " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
        return new Checkpoint(dir, config, files, Collections.unmodifiableMap(owner));
    }

    public Path dir() {
        return dir;
    }

    public Qwen3Config config() {
        return config;
    }

    /** All tensor names as stored. */
    public Iterable<String> names() {
        return owner.keySet();
    }

    /** The stored name of a decoder weight given without prefix ({@code "layers.0.mlp.up_proj.weight"}). */
    public String stored(String name) {
        return name.startsWith("lm_head.") ? name : prefix + name;
    }

    /** Whether a stored tensor exists. */
    public boolean has(String storedName) {
        return owner.containsKey(storedName);
    }

    /** The file holding a stored tensor. */
    public SafetensorsFile file(String storedName) {
        SafetensorsFile f = owner.get(storedName);
        if (f == null) {
            throw new InvalidInputException("model.dir", dir + " has no tensor '" + storedName + "'");
        }
        return f;
    }

    /** The entry of a decoder weight (name without prefix), checked against the expected shape. */
    public TensorInfo weight(String name, long... shape) {
        String stored = stored(name);
        TensorInfo t = file(stored).info(stored);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new InvalidInputException("model.dir", "tensor " + stored + " has shape " + Arrays.toString(t.shape())
                    + " but config.json implies " + Arrays.toString(shape));
        }
        return t;
    }

    /** A decoder weight (name without prefix) as f32, checked against the expected shape. */
    public float[] floats(String name, long... shape) {
        TensorInfo t = weight(name, shape);
        return file(stored(name)).readFloats(t.name());
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
