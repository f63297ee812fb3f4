package dev.metakube.durable;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owner per data directory: an exclusive lock on {@code <dataDir>/metakube.lock}, held from the moment an
 * engine opens the directory until it is closed. The file holds the holder's pid, host and start time, so that
 * a second process is told who has it. The operating system releases the lock when the holder dies, even by
 * {@code kill -9}; the file itself stays (deleting it would let two processes lock two different files).
 *
 * <p>Two processes writing one directory would each keep their own view in memory and overwrite the other's
 * files: updates would be lost. A second process therefore fails with {@link DataDirectoryLockedException}, or
 * waits up to {@value #WAIT} (an ISO-8601 duration, default {@code PT0S}) for the first to finish.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);
    /** Configuration property: how long to wait for another holder, ISO-8601 ({@code PT30S}); default none. */
    public static final String WAIT = "metakube.dataDir.lockWait";
    /** The lock file's name in the data directory. */
    public static final String FILE = "metakube.lock";
    private static final long POLL_MS = 100;
    /**
     * Directories locked by this process. Checked before the lock file is even opened: on POSIX systems closing
     * any descriptor of a file drops every lock the process holds on it, so a second engine here must not touch it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataDirectoryLock(Path dir, Path key, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the configured data directory, waiting as long as {@value #WAIT} says; empty when the configuration
     * keeps everything in memory.
     *
     * @throws DataDirectoryLockedException when another holder keeps it beyond the wait
     * @throws InvalidInputException        when {@value #WAIT} is not a duration of zero or more
     */
    public static Optional<DataDirectoryLock> acquire(MetaKubeConfig config) {
        if (config.dataDir() == null) {
            return Optional.empty();
        }
        return Optional.of(acquire(config.dataDir(), waitOf(config)));
    }

    static Duration waitOf(MetaKubeConfig config) {
        String v = config.property(WAIT).orElse("PT0S").trim();
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(WAIT, "not an ISO-8601 duration such as PT30S: '" + v + "'", e);
        }
        if (d.isNegative()) {
            throw new InvalidInputException(WAIT, "must not be negative: '" + v + "'");
        }
        return d;
    }

    /**
     * Locks {@code dir} (creating it if needed), waiting up to {@code wait} for another holder to let go.
     *
     * @throws DataDirectoryLockedException when another holder keeps it beyond {@code wait}
     * @throws BackendUnavailableException  when the lock file cannot be created or locked
     */
    public static DataDirectoryLock acquire(Path dir, Duration wait) {
        Path file = dir.resolve(FILE);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean waited = false;
        Path key;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot create the data directory " + dir + " (" + e
                    + "); check the path and its permissions", e);
        }
        while (true) {
            if (HELD_HERE.add(key)) {
                FileChannel ch = null;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    FileLock lock = ch.tryLock();
                    if (lock != null) {
                        writeHolder(ch);
                        if (waited) {
                            LOG.info("data directory {}: lock acquired after waiting", dir);
                        }
                        return new DataDirectoryLock(dir, key, ch, lock);
                    }
                    ch.close();
                    HELD_HERE.remove(key);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ch);
                    HELD_HERE.remove(key);
                    throw new BackendUnavailableException("cannot lock the data directory " + dir + " (" + e
                            + "); check that it exists and is writable", e);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                String holder = holder(file);
                throw new DataDirectoryLockedException("the data directory " + dir + " is in use by " + holder
                        + (waited ? ", and was still after waiting " + wait : "")
                        + ". Only one process may use a data directory at a time: stop that process, choose another "
                        + "data directory, or set " + WAIT + " (for example PT30S; --lock-wait on the command line) "
                        + "to wait for it", holder);
            }
            if (!waited) {
                LOG.info("data directory {} is in use by {}; waiting up to {}", dir, holder(file), wait);
                waited = true;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataDirectoryLockedException("interrupted while waiting for the data directory " + dir
                        + ", in use by " + holder(file), holder(file));
            }
        }
    }

    private static void writeHolder(FileChannel ch) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Instant::toString).orElse("unknown");
        String text = "pid " + self.pid() + " on host " + hostName() + ", started " + started + ", locked "
                + Instant.now() + "\n";
        ch.truncate(0);
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        ch.force(false);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String holder(Path file) {
        try {
            if (HELD_HERE.contains(file.getParent().toRealPath())) {
                return "this process (pid " + ProcessHandle.current().pid() + "): another engine on the same "
                        + "directory is still open; close it first";
            }
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            // the holder writes its name just after it took the lock: give it a moment
            for (int i = 0; i < 20 && s.isEmpty(); i++) {
                Thread.sleep(50);
                s = Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            return s.isEmpty() ? "another process (not yet identified)" : "another process (" + s + ")";
        } catch (IOException e) {
            return "another process (its lock file cannot be read: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "another process (not yet identified)";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a lock file channel: {}", e.toString());
            }
        }
    }

    /** The locked directory. */
    public Path directory() {
        return dir;
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("data directory {}: releasing the lock: {}", dir, e.toString());
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(key);
        }
    }
}
