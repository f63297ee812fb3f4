package dev.metakube.memory;

import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of episodes, vectors and journal operations: explicit fields through {@link DataOutputStream},
 * never Java serialization. Every length read back is bounds-checked so that damaged input fails with an
 * {@link IOException} rather than an enormous allocation.
 */
final class EpisodeCodec {
    static final byte RECORD = 1;
    static final byte REINFORCE = 2;
    private static final int MAX_STRING = 16 << 20;
    private static final int MAX_ITEMS = 100_000;

    private EpisodeCodec() {
    }

    /** A journal operation, decoded. */
    sealed interface Op permits RecordOp, ReinforceOp {
    }

    record RecordOp(String model, Episode episode, float[] vector) implements Op {
    }

    record ReinforceOp(String id, boolean success, Instant at) implements Op {
    }

    static byte[] encode(Op op) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (op instanceof RecordOp r) {
                out.writeByte(RECORD);
                writeString(out, r.model());
                writeEpisode(out, r.episode());
                writeVector(out, r.vector());
            } else if (op instanceof ReinforceOp f) {
                out.writeByte(REINFORCE);
                writeString(out, f.id());
                out.writeBoolean(f.success());
                writeInstant(out, f.at());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Op decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        byte type = in.readByte();
        Op op;
        if (type == RECORD) {
            op = new RecordOp(readString(in), readEpisode(in), readVector(in));
        } else if (type == REINFORCE) {
            op = new ReinforceOp(readString(in), in.readBoolean(), readInstant(in));
        } else {
            throw new IOException("unknown operation type " + type);
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after an operation");
        }
        return op;
    }

    static void writeEpisode(DataOutputStream out, Episode e) throws IOException {
        writeString(out, e.id());
        writeString(out, e.symptoms());
        ClusterContext c = e.context();
        writeString(out, c.namespace());
        writeString(out, c.kind());
        writeString(out, c.name());
        writeString(out, c.kubernetesVersion());
        Map<String, String> labels = new TreeMap<>(c.labels());
        out.writeInt(labels.size());
        for (Map.Entry<String, String> l : labels.entrySet()) {
            writeString(out, l.getKey());
            writeString(out, l.getValue());
        }
        out.writeInt(e.signalKeys().size());
        for (String k : e.signalKeys()) {
            writeString(out, k);
        }
        out.writeByte(e.category().ordinal());
        writeString(out, e.rootCause());
        writeString(out, e.resolution());
        out.writeInt(e.attempts().size());
        for (Attempt a : e.attempts()) {
            writeString(out, a.action());
            out.writeBoolean(a.worked());
        }
        out.writeByte(e.outcome().ordinal());
        writeInstant(out, e.time());
        out.writeDouble(e.value());
    }

    static Episode readEpisode(DataInputStream in) throws IOException {
        String id = readString(in);
        String symptoms = readString(in);
        String ns = readString(in);
        String kind = readString(in);
        String name = readString(in);
        String version = readString(in);
        int nLabels = count(in);
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < nLabels; i++) {
            labels.put(readString(in), readString(in));
        }
        int nKeys = count(in);
        List<String> keys = new ArrayList<>(nKeys);
        for (int i = 0; i < nKeys; i++) {
            keys.add(readString(in));
        }
        Category category = enumAt(Category.values(), in.readByte());
        String cause = readString(in);
        String resolution = readString(in);
        int nAttempts = count(in);
        List<Attempt> attempts = new ArrayList<>(nAttempts);
        for (int i = 0; i < nAttempts; i++) {
            attempts.add(new Attempt(readString(in), in.readBoolean()));
        }
        Outcome outcome = enumAt(Outcome.values(), in.readByte());
        Instant time = readInstant(in);
        double value = in.readDouble();
        try {
            return new Episode(id, symptoms, new ClusterContext(ns, kind, name, version, labels), keys, category, cause,
                    resolution, attempts, outcome, time, value);
        } catch (RuntimeException invalid) {
            throw new IOException("stored episode '" + id + "' is invalid: " + invalid.getMessage(), invalid);
        }
    }

    private static <E> E enumAt(E[] values, int ordinal) throws IOException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IOException("enum ordinal " + ordinal + " out of range");
        }
        return values[ordinal];
    }

    static void writeVector(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        b.asFloatBuffer().put(v);
        out.write(b.array());
    }

    static float[] readVector(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > 65_536) {
            throw new IOException("implausible vector dimension " + n);
        }
        byte[] raw = new byte[n * 4];
        in.readFully(raw);
        float[] v = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(v);
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IOException("stored vector holds a non-finite value");
            }
        }
        return v;
    }

    static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    static Instant readInstant(DataInputStream in) throws IOException {
        long s = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 999_999_999) {
            throw new IOException("invalid nanoseconds " + n);
        }
        try {
            return Instant.ofEpochSecond(s, n);
        } catch (RuntimeException e) {
            throw new IOException("invalid instant", e);
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("implausible string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }
}
