package dev.metakube.llm.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.StorageCorruptedException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path tmp;

    @Test
    void bf16ConversionIsBitExactForEveryPattern() throws IOException {
        // every one of the 65,536 bf16 patterns, written raw and read back through the mapped reader
        float[] expected = new float[65_536];
        ByteBuffer raw = ByteBuffer.allocate(2 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
        for (int bits = 0; bits < 65_536; bits++) {
            raw.putShort((short) bits);
            expected[bits] = Float.intBitsToFloat(bits << 16);
        }
        Path file = tmp.resolve("all.safetensors");
        SafetensorsWriter.write(file, List.of(new SafetensorsWriter.Entry("all", DType.BF16, new long[] {256, 256},
                out -> SafetensorsWriter.writeFully(out, raw.flip()))));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] got = f.readFloats("all");
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]), "pattern " + i);
            }
        }
        // and rounding f32 -> bf16 -> f32 is the identity on bf16 values
        for (int bits = 0; bits < 65_536; bits++) {
            float v = Float.intBitsToFloat(bits << 16);
            if (!Float.isNaN(v)) {
                assertEquals(bits, Floats.floatToBf16(v) & 0xFFFF);
            }
        }
        assertEquals(0x3F80, Floats.floatToBf16(1.00390625f) & 0xFFFF, "ties round to even");
        assertEquals(0x3F82, Floats.floatToBf16(1.01171875f) & 0xFFFF, "ties round to even");
    }

    @Test
    void f16AndF32RoundTrip() {
        for (int bits = 0; bits < 65_536; bits++) {
            float v = Floats.f16ToFloat((short) bits);
            if (!Float.isNaN(v)) {
                assertEquals(bits, Floats.floatToF16(v) & 0xFFFF, "f16 pattern " + bits);
            }
        }
        assertEquals(1.0f, Floats.f16ToFloat((short) 0x3C00));
        assertEquals(65504f, Floats.f16ToFloat((short) 0x7BFF));
        assertEquals(0x7C00, Floats.floatToF16(1e6f) & 0xFFFF);
        Path file = tmp.resolve("mixed.safetensors");
        float[] values = {0f, -2.5f, 3.140625f, 1e-3f, 65504f, -0.0f};
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.of("a", DType.F32, new long[] {2, 3}, values),
                SafetensorsWriter.Entry.of("b", DType.F16, new long[] {6}, values),
                SafetensorsWriter.Entry.of("c", DType.BF16, new long[] {3, 2}, values)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(values, f.readFloats("a"));
            assertArrayEquals(new long[] {3, 2}, f.info("c").shape());
            float[] h = f.readFloats("b");
            for (int i = 0; i < values.length; i++) {
                assertEquals(Floats.f16ToFloat(Floats.floatToF16(values[i])), h[i]);
            }
        }
    }

    @Test
    void tensorsBeyondTwoGibibytesAreMapped() throws IOException {
        // a sparse file: a tensor whose data starts past 2 GiB (the limit of DJL's own reader) and spans a chunk edge
        long pad = (2L << 30) + 12;
        long chunkEdgeElements = 4096;
        String header = "{\"pad\":{\"dtype\":\"BF16\",\"shape\":[" + pad / 2 + "],\"data_offsets\":[0," + pad + "]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[" + chunkEdgeElements + "],\"data_offsets\":[" + pad + ","
                + (pad + 4 * chunkEdgeElements) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        Path file = tmp.resolve("big.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
            raf.write(len.array());
            raf.write(h);
            raf.seek(8 + h.length + pad);
            ByteBuffer data = ByteBuffer.allocate((int) (4 * chunkEdgeElements)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < chunkEdgeElements; i++) {
                data.putFloat(i * 0.5f);
            }
            raf.write(data.array());
        }
        assertTrue(Files.size(file) > (2L << 30));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] x = f.readFloats("x");
            assertEquals(0.5f * (chunkEdgeElements - 1), x[x.length - 1]);
            assertEquals(1.5f, x[3]);
            // a read of the padding that crosses the 1 GiB mapping limit
            FloatBuffer tail = FloatBuffer.allocate(8);
            f.readFloats(f.info("pad"), (SafetensorsFile.MAX_MAP / 2) - 4, tail);
            assertEquals(0f, tail.get(0));
        }
    }

    @Test
    void damagedFilesAreReportedNotMisread() throws IOException {
        Path file = tmp.resolve("t.safetensors");
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.of("a", DType.F32, new long[] {4},
                new float[] {1, 2, 3, 4})));
        byte[] all = Files.readAllBytes(file);
        Path truncated = tmp.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 4));
        assertTrue(assertThrows(StorageCorruptedException.class, () -> SafetensorsFile.open(truncated)).getMessage()
                .contains("truncated"));
        Path garbage = tmp.resolve("garbage.safetensors");
        Files.write(garbage, "not a safetensors file at all".getBytes(StandardCharsets.UTF_8));
        assertThrows(StorageCorruptedException.class, () -> SafetensorsFile.open(garbage));
        Path i8 = tmp.resolve("i8.safetensors");
        String header = "{\"q\":{\"dtype\":\"I8\",\"shape\":[8],\"data_offsets\":[0,8]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Files.write(i8, b.array());
        assertTrue(assertThrows(InvalidInputException.class, () -> SafetensorsFile.open(i8)).getMessage()
                .contains("I8"));
    }
}
