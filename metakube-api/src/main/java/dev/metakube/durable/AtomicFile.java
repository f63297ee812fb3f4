package dev.metakube.durable;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A file replaced as a whole, atomically: the new content goes to {@code <file>.tmp} in the same directory, is
 * forced to disk, renamed over the old file, and the directory is forced, so that after a crash the file holds
 * either the old or the new content, and once {@link #write} returns the new content survives a power cut.
 *
 * <p>{@link #writeChecked}/{@link #readChecked} add a CRC-32C so that damage on disk is detected: the content is
 * followed by the line {@code #crc32c <8 hex digits>}, which keeps a text file readable. A file without that line
 * (written by an earlier version) is returned as {@link Content#legacy() legacy}: the caller validates it and
 * rewrites it with {@link #writeChecked}, after which it is checked like any other.
 */
public final class AtomicFile {
    private static final byte[] TRAILER_START = "\n#crc32c ".getBytes(StandardCharsets.US_ASCII);
    /** {@code \n#crc32c } + 8 hex digits + {@code \n}. */
    private static final int TRAILER = TRAILER_START.length + 9;

    private AtomicFile() {
    }

    /** Writes the content of a file to a stream (buffered by the caller's choice; flushing is done here). */
    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * What {@link #readChecked} found.
     *
     * @param bytes  the content, without the checksum line
     * @param legacy true when the file carries no checksum (written by an earlier version): the caller checks the
     *               content itself and rewrites it
     */
    public record Content(byte[] bytes, boolean legacy) {
    }

    /**
     * Replaces {@code file} with what {@code writer} writes, atomically and durably (see the class comment).
     *
     * @throws IOException when writing, forcing or renaming failed; the old file is then intact and the
     *                     temporary file removed
     */
    public static void write(Path file, Fsync fsync, ContentWriter writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                fsync.force(ch);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        fsync.forceDirectory(dir);
    }

    /**
     * Replaces {@code file} with {@code content} followed by its checksum line, atomically and durably.
     *
     * @param what what the file holds, for the message of a failure ({@code "router state"})
     * @throws BackendUnavailableException when it cannot be written; the old file is then intact
     */
    public static void writeChecked(Path file, byte[] content, Fsync fsync, String what) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        byte[] trailer = (new String(TRAILER_START, StandardCharsets.US_ASCII)
                + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            write(file, fsync, out -> {
                out.write(content);
                out.write(trailer);
            });
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write the " + what + " " + file + " (" + e
                    + "); the previous file is intact. Check the disk (space, permissions) and retry", e);
        }
    }

    /**
     * Reads a file written by {@link #writeChecked}, verifying its checksum; empty when it does not exist.
     *
     * @param what what the file holds, for messages
     * @throws StorageCorruptedException when the checksum does not match (the file is left untouched)
     * @throws BackendUnavailableException when it cannot be read
     */
    public static Optional<Content> readChecked(Path file, String what) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read the " + what + " " + file + ": " + e, e);
        }
        int at = all.length - TRAILER;
        if (at < 0 || !Arrays.equals(all, at, at + TRAILER_START.length, TRAILER_START, 0, TRAILER_START.length)
                || all[all.length - 1] != '\n') {
            return Optional.of(new Content(all, true));
        }
        byte[] content = Arrays.copyOf(all, at);
        String hex = new String(all, at + TRAILER_START.length, 8, StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(content);
        int stored;
        try {
            stored = HexFormat.fromHexDigits(hex);
        } catch (IllegalArgumentException e) {
            stored = ~(int) crc.getValue();
        }
        if (stored != (int) crc.getValue()) {
            throw new StorageCorruptedException("the " + what + " " + file + " fails its checksum (" + content.length
                    + " bytes of content, checksum line at offset " + at + "); it was left untouched. Restore it "
                    + "from a backup, or move it away to start without it");
        }
        return Optional.of(new Content(content, false));
    }
}
