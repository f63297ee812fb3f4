package dev.metakube.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeException;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.safetensors.SafetensorsFile;
import dev.metakube.llm.safetensors.SafetensorsWriter;
import dev.metakube.llm.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a checkpoint with a LoRA adapter merged in: {@code W' = W + s·(B A)} computed in f32 and rounded once to the
 * base tensor's dtype; every other tensor is copied byte for byte, shard layout and side files
 * ({@code config.json}, tokenizer files...) included. Tensors are streamed one at a time, so the heap never holds
 * more than one of them.
 */
public final class LoraMerger {
    private static final Logger LOG = LoggerFactory.getLogger(LoraMerger.class);

    private LoraMerger() {
    }

    /**
     * Merges {@code adapterDir} into {@code baseDir}, writing {@code outDir} (created; must not hold a checkpoint).
     *
     * @return the number of modules merged
     * @throws InvalidInputException when the adapter does not fit the base or the output exists
     */
    public static int merge(Path baseDir, Path adapterDir, Path outDir) {
        DjlPrivacy.apply();
        if (Files.exists(outDir.resolve("config.json"))) {
            throw new InvalidInputException("merge.out", outDir + " already holds a checkpoint; choose an empty directory");
        }
        if (baseDir.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
            throw new InvalidInputException("merge.out", "the output must differ from the base directory");
        }
        try (Checkpoint base = Checkpoint.open(baseDir); LoraAdapter adapter = LoraAdapter.open(adapterDir);
             NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Files.createDirectories(outDir);
            Map<String, LoraAdapter.Factors> byStored = new LinkedHashMap<>();
            for (LoraAdapter.Factors f : adapter.modules().values()) {
                String stored = base.stored(f.module() + ".weight");
                if (!base.has(stored)) {
                    throw new InvalidInputException("merge.adapter", "the adapter adapts " + f.module()
                            + " which the base checkpoint does not have");
                }
                byStored.put(stored, f);
            }
            Set<SafetensorsFile> files = new java.util.LinkedHashSet<>();
            for (String name : base.names()) {
                files.add(base.file(name));
            }
            Set<String> written = new HashSet<>();
            for (SafetensorsFile f : files) {
                List<SafetensorsWriter.Entry> entries = new ArrayList<>();
                for (TensorInfo t : f.tensors().values()) {
                    LoraAdapter.Factors lora = byStored.get(t.name());
                    entries.add(lora == null ? copy(f, t) : merged(f, t, lora, adapter, manager));
                    written.add(t.name());
                }
                SafetensorsWriter.write(outDir.resolve(f.path().getFileName().toString()), entries);
            }
            copySideFiles(baseDir, outDir);
            LOG.info("merged {} LoRA modules of {} into {}", byStored.size(), adapterDir, outDir);
            return byStored.size();
        } catch (IOException e) {
            throw new MetaKubeException("cannot write the merged checkpoint to " + outDir + ": " + e
                    + "; check that the directory is writable and has room for a copy of the base model", e);
        }
    }

    private static SafetensorsWriter.Entry copy(SafetensorsFile f, TensorInfo t) {
        return new SafetensorsWriter.Entry(t.name(), t.dtype(), t.shape(), out -> {
            long size = t.end() - t.begin();
            for (long off = 0; off < size; off += 1L << 30) {
                ByteBuffer b = f.map(t, off, Math.min(1L << 30, size - off));
                SafetensorsWriter.writeFully(out, b);
            }
        });
    }

    private static SafetensorsWriter.Entry merged(SafetensorsFile f, TensorInfo t, LoraAdapter.Factors lora,
                                                  LoraAdapter adapter, NDManager manager) {
        long[] s = t.shape();
        long[] as = lora.a().shape();
        long[] bs = lora.b().shape();
        if (s.length != 2 || as[1] != s[1] || bs[0] != s[0]) {
            throw new InvalidInputException("merge.adapter", "module " + lora.module() + " has lora_A " + as[0] + "x"
                    + as[1] + " and lora_B " + bs[0] + "x" + bs[1] + " but the base weight is " + t);
        }
        return new SafetensorsWriter.Entry(t.name(), t.dtype(), s, out -> {
            float[] w = f.readFloats(t.name());
            try (NDManager step = manager.newSubManager()) {
                NDArray a = step.create(adapter.floats(lora.a()), new Shape(as[0], as[1]));
                NDArray b = step.create(adapter.floats(lora.b()), new Shape(bs[0], bs[1]));
                NDArray merged = step.create(w, new Shape(s[0], s[1])).addi(b.matMul(a).muli((float) lora.scale()));
                w = merged.toFloatArray();
            }
            SafetensorsWriter.writeFloats(out, t.dtype(), w);
        });
    }

    private static void copySideFiles(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.endsWith(".safetensors")) {
                    Files.copy(p, to.resolve(name));
                }
            }
        }
    }
}
