package dev.metakube.durable;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, CRC-checked log of opaque records with group commit, kept in segment files
 * {@code <name>-<first seq>.log} in one directory. This is the write-ahead log every MetaKube store uses (the
 * episodic memory's journal, the engine's feedback journal); a backend that keeps its own files should use it
 * rather than write its own.
 *
 * <p>Frame: {@code magic:int, length:int, ~length:int, seq:long, payload[length], crc32c:int} where the CRC covers
 * the header and the payload. Sequence numbers start at 1 and have no gaps across segments.
 *
 * <p>Durability: {@link #append} buffers a frame and returns its sequence number; {@link #awaitDurable} returns
 * once that frame is written and forced. Concurrent callers share one write and one fsync (group commit): the
 * first to arrive forces everything buffered so far while the others wait on the lock, and find their frame
 * durable when they get it. After a failed write or fsync the log refuses everything (the page cache can no
 * longer be trusted to hold what was written); reopening it recovers from what is on disk. Writes and fsyncs run
 * on the log's own thread: NIO closes a file channel when a thread blocked in it is interrupted, so a caller
 * cancelled mid-write (a timeout, {@code Future.cancel(true)}) would otherwise break the log for everyone.
 *
 * <p>Recovery ({@link #open}): frames are verified in order. In the last segment a torn tail (a frame cut short,
 * a final frame whose CRC fails, or zeros after the last good frame) is truncated with a warning: it can only
 * hold frames that were never acknowledged. Anything else that fails a check — in an earlier segment, or
 * followed by more data — throws {@link StorageCorruptedException} naming the file and offset, and nothing is
 * modified.
 */
public final class RecordLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
    /**
     * {@code after} for {@link #open}: replay everything the log holds, wherever its oldest segment starts (a log
     * whose older segments were dropped by {@link #roll} once nothing in them was needed any more).
     */
    public static final long FROM_OLDEST = -1;
    private static final int MAGIC = 0x4D4B4A31; // "MKJ1"
    private static final int HEADER = 20;
    private static final int TRAILER = 4;
    /** Largest payload accepted: an episode with its vector is a few KiB; 64 MiB means a damaged length. */
    static final int MAX_PAYLOAD = 64 << 20;

    private final Path dir;
    private final String name;
    private final String what;
    private final Fsync fsync;
    private final Object appendLock = new Object();
    private final ReentrantLock syncLock = new ReentrantLock();
    private ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);
    private long lastAppended;
    private volatile long durable;
    private volatile IOException failure;
    private FileChannel channel;
    private Path segment;
    private long segmentBytes;
    private boolean closed;
    /** Where writes, fsyncs and segment changes run, out of reach of the callers' interrupts. */
    private final ExecutorService io;

    /** File work run on {@link #io}. */
    private interface IoTask {
        void run() throws IOException;
    }

    private RecordLog(Path dir, String name, String what, Fsync fsync) {
        this.dir = dir;
        this.name = name;
        this.what = what;
        this.fsync = fsync;
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metakube-" + name + "-io");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens (creating if needed) the log {@code name} in {@code dir}, verifies it and hands every record with a
     * sequence number above {@code after} to {@code replay}, in order.
     *
     * @param dir    the directory of the segment files (other files may live there too)
     * @param name   the file name prefix, lower-case letters, digits and dashes ({@code journal})
     * @param what   what the log holds, for messages ({@code "memory journal"})
     * @param fsync  how data reaches the disk ({@link Fsync#DEFAULT})
     * @param after  the sequence number a snapshot already covers: records from {@code after + 1} on must all be
     *               present; or {@link #FROM_OLDEST}
     * @param replay receives each record's sequence number and payload
     * @throws StorageCorruptedException when a record fails a check anywhere but the torn tail
     * @throws BackendUnavailableException when the directory cannot be read or written
     */
    public static RecordLog open(Path dir, String name, String what, Fsync fsync, long after,
                                 BiConsumer<Long, byte[]> replay) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("record log name '" + name + "': use lower-case letters, digits, dashes");
        }
        RecordLog log = new RecordLog(dir, name, what, fsync);
        try {
            Files.createDirectories(dir);
            log.recover(after, replay);
            return log;
        } catch (IOException e) {
            log.io.shutdown();
            throw new BackendUnavailableException("cannot open the " + what + " in " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            log.io.shutdown();
            throw e;
        }
    }

    private String fileName(long firstSeq) {
        return String.format("%s-%020d.log", name, firstSeq);
    }

    private boolean isSegment(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(name + "-") && n.endsWith(".log")
                && n.substring(name.length() + 1, n.length() - 4).matches("[0-9]{20}");
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(this::isSegment).sorted().toList();
        }
    }

    private long firstSeq(Path segment) {
        String n = segment.getFileName().toString();
        return Long.parseLong(n.substring(name.length() + 1, n.length() - ".log".length()));
    }

    private void recover(long after, BiConsumer<Long, byte[]> replay) throws IOException {
        List<Path> segs = segments();
        if (after == FROM_OLDEST) {
            after = segs.isEmpty() ? 0 : firstSeq(segs.get(0)) - 1;
        } else if (after < 0) {
            throw new IllegalArgumentException("after must be at least 0, or FROM_OLDEST: " + after);
        }
        long expected = -1;
        for (int s = 0; s < segs.size(); s++) {
            Path seg = segs.get(s);
            boolean last = s == segs.size() - 1;
            long first = firstSeq(seg);
            if (expected != -1 && first != expected) {
                throw new StorageCorruptedException(what + " " + seg + " starts at record " + first
                        + " but the previous segment ended before record " + expected + ": records are missing");
            }
            if (expected == -1 && first > after + 1) {
                throw new StorageCorruptedException(what + " " + seg + " starts at record " + first
                        + " but the snapshot covers only up to record " + after + ": records are missing");
            }
            expected = first;
            byte[] data = Files.readAllBytes(seg);
            int pos = 0;
            while (pos < data.length) {
                String problem = null;
                boolean tornCandidate;
                int end = -1;
                ByteBuffer b = ByteBuffer.wrap(data);
                if (data.length - pos < HEADER) {
                    problem = "a frame header cut short";
                    tornCandidate = true;
                } else {
                    int magic = b.getInt(pos);
                    int len = b.getInt(pos + 4);
                    int check = b.getInt(pos + 8);
                    if (magic != MAGIC || len != ~check || len < 0 || len > MAX_PAYLOAD) {
                        problem = "a damaged frame header";
                        tornCandidate = allZero(data, pos);
                    } else if ((long) pos + HEADER + len + TRAILER > data.length) {
                        problem = "a frame cut short";
                        tornCandidate = true;
                    } else {
                        end = pos + HEADER + len + TRAILER;
                        CRC32C crc = new CRC32C();
                        crc.update(data, pos, HEADER + len);
                        if ((int) crc.getValue() != b.getInt(pos + HEADER + len)) {
                            problem = "a checksum mismatch";
                            tornCandidate = end == data.length;
                        } else {
                            long seq = b.getLong(pos + 12);
                            if (seq != expected) {
                                throw new StorageCorruptedException(what + " " + seg + " at offset " + pos
                                        + ": record " + seq + " where record " + expected + " was expected");
                            }
                            if (seq > after) {
                                byte[] payload = new byte[len];
                                System.arraycopy(data, pos + HEADER, payload, 0, len);
                                replay.accept(seq, payload);
                            }
                            expected++;
                            pos = end;
                            continue;
                        }
                    }
                }
                if (last && tornCandidate) {
                    LOG.warn("{} {}: truncating a torn tail at offset {} ({} bytes, {}); it held no "
                            + "acknowledged record", what, seg, pos, data.length - pos, problem);
                    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                        ch.truncate(pos);
                        fsync.force(ch);
                    }
                    break;
                }
                throw new StorageCorruptedException(what + " " + seg + " is corrupted at offset " + pos
                        + " (" + problem + (last ? ", followed by more data" : ", in a segment that is not the last")
                        + "); it was left untouched. Restore the data directory from a backup, or move the file "
                        + "away to give up the records from this point on");
            }
        }
        lastAppended = expected == -1 ? Math.max(after, 0) : Math.max(expected - 1, after);
        durable = lastAppended;
        if (segs.isEmpty() || expected - 1 < after) {
            // a fresh log, or one that ends before the snapshot: continue in a new segment after the snapshot
            openSegment(lastAppended + 1);
        } else {
            segment = segs.get(segs.size() - 1);
            channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            segmentBytes = channel.size();
        }
    }

    private static boolean allZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void openSegment(long firstSeq) throws IOException {
        segment = dir.resolve(fileName(firstSeq));
        channel = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        segmentBytes = channel.size();
        fsync.force(channel);
        fsync.forceDirectory(dir);
    }

    /** The sequence number of the last record appended (acknowledged or not). */
    public long lastSequence() {
        synchronized (appendLock) {
            return lastAppended;
        }
    }

    /** The sequence number up to which every record is on disk. */
    public long durableSequence() {
        return durable;
    }

    /**
     * Buffers a record and returns its sequence number; it is durable only after {@link #awaitDurable}.
     *
     * @throws BackendUnavailableException after an earlier write failure, or when closed
     */
    public long append(byte[] payload) {
        checkSize(payload);
        synchronized (appendLock) {
            checkUsable();
            return frame(payload);
        }
    }

    /**
     * Buffers several records as one group, in order and with consecutive sequence numbers, all or none; returns
     * the sequence number of the last (that of the first is {@code last - payloads.size() + 1}). One
     * {@link #awaitDurable} of the last makes the whole group durable with one write and one fsync.
     *
     * @throws IllegalArgumentException when the list is empty or a record is too large (nothing is buffered)
     * @throws BackendUnavailableException after an earlier write failure, or when closed
     */
    public long appendAll(List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            throw new IllegalArgumentException(what + ": a group of records must hold at least one");
        }
        for (byte[] p : payloads) {
            checkSize(p);
        }
        synchronized (appendLock) {
            checkUsable();
            long seq = 0;
            for (byte[] p : payloads) {
                seq = frame(p);
            }
            return seq;
        }
    }

    private void checkSize(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException(what + " record of " + payload.length + " bytes is too large");
        }
    }

    /** Frames {@code payload} into the buffer under the next sequence number; the caller holds the append lock. */
    private long frame(byte[] payload) {
        long seq = ++lastAppended;
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        frame.putInt(MAGIC).putInt(payload.length).putInt(~payload.length).putLong(seq).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), 0, HEADER + payload.length);
        frame.putInt((int) crc.getValue());
        pending.write(frame.array(), 0, frame.capacity());
        return seq;
    }

    private void checkUsable() {
        if (failure != null) {
            throw new BackendUnavailableException("the " + what + " in " + dir + " failed to write or fsync ("
                    + failure.getMessage() + ") and accepts nothing more; reopen the store to recover what is on disk",
                    failure);
        }
        if (closed) {
            throw new IllegalStateException("the " + what + " is closed");
        }
    }

    /**
     * Returns once record {@code seq} is written and forced, forcing it (with every record buffered before it)
     * if nobody else is.
     *
     * @throws BackendUnavailableException when the write or the fsync failed; the record is not acknowledged
     */
    public void awaitDurable(long seq) {
        if (durable >= seq) {
            return;
        }
        syncLock.lock();
        try {
            if (durable >= seq) {
                return;
            }
            flushLocked();
        } finally {
            syncLock.unlock();
        }
    }

    private void flushLocked() {
        checkUsable();
        byte[] bytes;
        long upTo;
        synchronized (appendLock) {
            bytes = pending.toByteArray();
            upTo = lastAppended;
            pending.reset();
            segmentBytes += bytes.length;
        }
        try {
            onIoThread(() -> {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                fsync.force(channel);
            });
            durable = upTo;
        } catch (IOException | RuntimeException e) {
            IOException io = e instanceof IOException ioe ? ioe : new IOException(e.toString(), e);
            failure = io;
            LOG.error("{} {}: write or fsync failed; records {}..{} are not acknowledged", what, segment,
                    durable + 1, upTo, e);
            checkUsable();
        }
    }

    /**
     * Makes everything buffered durable and starts a new segment at the next sequence number; then deletes
     * every older segment whose records are all at or below {@code coveredBySnapshot}.
     */
    public void roll(long coveredBySnapshot) {
        syncLock.lock();
        try {
            flushLocked();
            onIoThread(() -> {
                synchronized (appendLock) {
                    channel.close();
                    openSegment(lastAppended + 1);
                }
                List<Path> segs = segments();
                for (int i = 0; i + 1 < segs.size(); i++) {
                    long nextFirst = firstSeq(segs.get(i + 1));
                    if (nextFirst - 1 <= coveredBySnapshot && !segs.get(i).equals(segment)) {
                        Files.delete(segs.get(i));
                    }
                }
                fsync.forceDirectory(dir);
            });
        } catch (IOException e) {
            failure = e;
            throw new BackendUnavailableException("cannot roll the " + what + " in " + dir + ": " + e, e);
        } finally {
            syncLock.unlock();
        }
    }

    /** Flushes what is buffered and closes the file. */
    @Override
    public void close() {
        syncLock.lock();
        try {
            if (closed) {
                return;
            }
            if (failure == null && durable < lastSequence()) {
                flushLocked();
            }
            synchronized (appendLock) {
                closed = true;
            }
            channel.close();
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot close the " + what + " in " + dir + ": " + e, e);
        } finally {
            io.shutdown();
            syncLock.unlock();
        }
    }

    /**
     * Runs {@code task} on the log's thread and waits for it, through interrupts (the caller's interrupt
     * status is kept and restored afterwards: the record is either durable or failed, never abandoned half-way).
     */
    private void onIoThread(IoTask task) throws IOException {
        Future<Void> done = io.submit((Callable<Void>) () -> {
            task.run();
            return null;
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException ioe) {
                        throw ioe;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
