package dev.metakube.llm.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.MetaKubeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes safetensors files tensor by tensor, streaming: a tensor's bytes are produced only when it is written, so a
 * checkpoint larger than the heap can be rewritten (LoRA merge).
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Produces a tensor's bytes, little-endian, exactly {@code elements × dtype.bytes()} of them. */
    @FunctionalInterface
    public interface Content {
        /** Writes the data to the channel. */
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * One tensor to write.
     *
     * @param name    its name
     * @param dtype   its element type
     * @param shape   its shape
     * @param content its data
     */
    public record Entry(String name, DType dtype, long[] shape, Content content) {
        long bytes() {
            long n = dtype.bytes();
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** A tensor from f32 values, converted (rounded once) to {@code dtype}. */
        public static Entry of(String name, DType dtype, long[] shape, float[] values) {
            return new Entry(name, dtype, shape, out -> writeFloats(out, dtype, values));
        }
    }

    /** Writes {@code entries} to {@code path} in order. */
    public static void write(Path path, List<Entry> entries) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = header.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            ArrayNode offsets = t.putArray("data_offsets");
            offsets.add(offset);
            offset += e.bytes();
            offsets.add(offset);
        }
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            writeFully(out, head);
            long start = out.position();
            for (Entry e : entries) {
                long before = out.position();
                e.content().writeTo(out);
                if (out.position() - before != e.bytes()) {
                    throw new IllegalStateException("tensor " + e.name() + " wrote " + (out.position() - before)
                            + " bytes, expected " + e.bytes());
                }
            }
            if (out.position() - start != offset) {
                throw new IllegalStateException("data section size mismatch");
            }
        } catch (IOException e) {
            throw new MetaKubeException("cannot write " + path + ": " + e
                    + "; check that the directory is writable and has free space", e);
        }
    }

    /** Writes f32 values as {@code dtype}, rounding once. */
    public static void writeFloats(FileChannel out, DType dtype, float[] values) throws IOException {
        int chunk = 1 << 20;
        ByteBuffer buf = ByteBuffer.allocate(chunk * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i += chunk) {
            buf.clear();
            int end = Math.min(values.length, i + chunk);
            for (int j = i; j < end; j++) {
                switch (dtype) {
                    case F32 -> buf.putFloat(values[j]);
                    case BF16 -> buf.putShort(Floats.floatToBf16(values[j]));
                    case F16 -> buf.putShort(Floats.floatToF16(values[j]));
                }
            }
            buf.flip();
            writeFully(out, buf);
        }
    }

    /** Writes all of {@code buf}. */
    public static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
