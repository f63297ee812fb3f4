package dev.metakube.llm.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeException;
import dev.metakube.api.StorageCorruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A memory-mapped safetensors file of any size. The header is parsed once; tensor data is mapped on demand, one
 * mapping per chunk of at most {@link #MAX_MAP} bytes, so files and tensors over 2 GiB are read without copying
 * them into the heap first. Thread-safe for reads.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The largest single mapping, in bytes (a multiple of 8, under 2 GiB). */
    static final long MAX_MAP = 1L << 30;
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws StorageCorruptedException when the header is malformed or a tensor lies outside the file
     * @throws InvalidInputException when a tensor has an unsupported dtype
     */
    public static SafetensorsFile open(Path path) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            long size = ch.size();
            if (size < 8) {
                throw new StorageCorruptedException(path + " is not a safetensors file: " + size + " bytes");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLen = len.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new StorageCorruptedException(path + " is not a safetensors file: header length " + headerLen);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;
            Map<String, TensorInfo> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                JsonNode shapeNode = t.path("shape");
                JsonNode offsets = t.path("data_offsets");
                if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                    throw new StorageCorruptedException(path + ": tensor '" + e.getKey() + "' has no shape or offsets");
                }
                long[] shape = new long[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong();
                }
                TensorInfo info = new TensorInfo(e.getKey(), DType.parse(t.path("dtype").asText(), e.getKey()), shape,
                        offsets.get(0).asLong(), offsets.get(1).asLong());
                if (dataStart + info.end() > size) {
                    throw new StorageCorruptedException(path + ": tensor '" + info.name()
                            + "' ends after the end of the file (truncated download?)");
                }
                map.put(info.name(), info);
            }
            return new SafetensorsFile(path, ch, dataStart, Collections.unmodifiableMap(map));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StorageCorruptedException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            p += n;
        }
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** Tensors by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The tensor entry, or an error naming the file. */
    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new InvalidInputException("safetensors", path + " has no tensor '" + name + "'");
        }
        return t;
    }

    /**
     * Maps {@code length} bytes of a tensor's data starting at {@code offset} (relative to the tensor), read-only,
     * little-endian. {@code length} is at most {@link #MAX_MAP}.
     */
    public ByteBuffer map(TensorInfo t, long offset, long length) {
        if (length > MAX_MAP || offset < 0 || t.begin() + offset + length > t.end()) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + t);
        }
        try {
            MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin() + offset, length);
            return b.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new MetaKubeException("cannot map " + t + " of " + path + ": " + e
                    + "; check that the file is readable and was not truncated", e);
        }
    }

    /**
     * Converts elements {@code [from, from + dst.remaining())} of a tensor to f32 into {@code dst}, mapping the file
     * in chunks; bf16 and f16 conversions are exact.
     */
    public void readFloats(TensorInfo t, long from, FloatBuffer dst) {
        long remaining = dst.remaining();
        long elem = from;
        int size = t.dtype().bytes();
        long maxElems = MAX_MAP / size;
        while (remaining > 0) {
            long n = Math.min(remaining, maxElems);
            ByteBuffer src = map(t, elem * size, n * size);
            switch (t.dtype()) {
                case F32 -> dst.put(src.asFloatBuffer());
                case BF16 -> {
                    for (long i = 0; i < n; i++) {
                        dst.put(Floats.bf16ToFloat(src.getShort()));
                    }
                }
                case F16 -> {
                    for (long i = 0; i < n; i++) {
                        dst.put(Floats.f16ToFloat(src.getShort()));
                    }
                }
            }
            elem += n;
            remaining -= n;
        }
    }

    /** The whole tensor as f32 in a heap array (for tensors under 2^31 elements: LoRA factors, norms, tests). */
    public float[] readFloats(String name) {
        TensorInfo t = info(name);
        if (t.elements() > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("safetensors", "tensor " + t + " is too large for a heap array");
        }
        float[] out = new float[(int) t.elements()];
        readFloats(t, 0, FloatBuffer.wrap(out));
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new MetaKubeException("cannot close " + path + ": " + e, e);
        }
    }
}
