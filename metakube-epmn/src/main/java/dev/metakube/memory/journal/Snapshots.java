package dev.metakube.memory.journal;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.AtomicFile;
import dev.metakube.durable.Fsync;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Point-in-time images of a store, {@code snapshot-<seq>.snap}: everything up to journal record {@code seq}.
 *
 * <p>Format: {@code magic:int, version:int, seq:long, body..., crc32c:int} (CRC over everything before it),
 * written with {@link DataOutputStream} by the caller's body writer, never with Java serialization. Written as an
 * {@link AtomicFile} (temporary file, fsync, rename, directory fsync); older snapshots are deleted afterwards. Reading verifies the magic, version and checksum and fails loudly otherwise.
 */
public final class Snapshots {
    private static final int MAGIC = 0x4D4B5331; // "MKS1"

    /** Writes the body of a snapshot. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the body of a snapshot. */
    @FunctionalInterface
    public interface BodyReader {
        void read(DataInputStream in) throws IOException;
    }

    private final Path dir;
    private final Fsync fsync;
    private final int version;

    /**
     * @param version the body format version; a snapshot of another version is refused
     */
    public Snapshots(Path dir, Fsync fsync, int version) {
        this.dir = dir;
        this.fsync = fsync;
        this.version = version;
    }

    private static long seqOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring("snapshot-".length(), n.length() - ".snap".length()));
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("snapshot-") && n.endsWith(".snap");
            }).sorted().toList();
        }
    }

    /** Writes a snapshot covering records up to {@code seq}, atomically, and deletes older ones. */
    public void write(long seq, BodyWriter body) {
        Path target = dir.resolve(String.format("snapshot-%020d.snap", seq));
        try {
            AtomicFile.write(target, fsync, raw -> {
                // a snapshot runs to megabytes: write it in large blocks
                BufferedOutputStream big = new BufferedOutputStream(raw, 1 << 20);
                CheckedOutputStream checked = new CheckedOutputStream(big, new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                out.writeInt(MAGIC);
                out.writeInt(version);
                out.writeLong(seq);
                body.write(out);
                out.flush();
                DataOutputStream tail = new DataOutputStream(big);
                tail.writeInt((int) checked.getChecksum().getValue());
                tail.flush();
            });
            for (Path old : list()) {
                if (seqOf(old) < seq) {
                    Files.delete(old);
                }
            }
            fsync.forceDirectory(dir);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write the memory snapshot " + target + ": " + e, e);
        }
    }

    /**
     * Reads the newest snapshot, if any, and returns the journal sequence number it covers.
     *
     * @throws StorageCorruptedException when it fails a check; an older snapshot is not tried silently
     */
    public Optional<Long> readLatest(BodyReader body) {
        Path latest;
        try {
            List<Path> all = list();
            if (all.isEmpty()) {
                return Optional.empty();
            }
            latest = all.get(all.size() - 1);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot list the memory directory " + dir + ": " + e, e);
        }
        long size;
        try {
            size = Files.size(latest);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read " + latest + ": " + e, e);
        }
        if (size < 20) {
            throw new StorageCorruptedException("memory snapshot " + latest + " is truncated (" + size + " bytes)");
        }
        try (InputStream raw = Files.newInputStream(latest)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(new LimitedStream(raw,
                    size - 4), 1 << 20), new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            if (in.readInt() != MAGIC) {
                throw new StorageCorruptedException("memory snapshot " + latest + " is not a snapshot (bad magic)");
            }
            int v = in.readInt();
            if (v != version) {
                throw new StorageCorruptedException("memory snapshot " + latest + " has format version " + v
                        + "; this version of MetaKube reads version " + version);
            }
            long seq = in.readLong();
            if (seq != seqOf(latest)) {
                throw new StorageCorruptedException("memory snapshot " + latest + " claims record " + seq);
            }
            body.read(in);
            if (in.read() != -1) {
                throw new StorageCorruptedException("memory snapshot " + latest + " has trailing data");
            }
            int expected = (int) checked.getChecksum().getValue();
            int stored = new DataInputStream(raw).readInt();
            if (expected != stored) {
                throw new StorageCorruptedException("memory snapshot " + latest + " fails its checksum; it was "
                        + "left untouched. Restore the data directory from a backup");
            }
            return Optional.of(seq);
        } catch (EOFException e) {
            throw new StorageCorruptedException("memory snapshot " + latest + " is truncated", e);
        } catch (StorageCorruptedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StorageCorruptedException("memory snapshot " + latest + " cannot be read: " + e, e);
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream, leaving the rest (the CRC) unread. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
