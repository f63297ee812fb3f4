package dev.metakube.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How data reaches the disk: forcing a file's content and a directory's entries. The default uses
 * {@link FileChannel#force(boolean)}; tests substitute one that fails, to check that nothing is acknowledged
 * that was not forced.
 */
public interface Fsync {
    /** Forces the file's content (not its metadata timestamps) to the device. */
    void force(FileChannel channel) throws IOException;

    /** Forces a directory's entries (after create, rename or delete), where the platform allows it. */
    void forceDirectory(Path dir) throws IOException;

    /** The real thing. */
    Fsync DEFAULT = new Fsync() {
        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(false);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some platforms (Windows) cannot open a directory; there a rename is durable by itself.
                if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                    throw e;
                }
            }
        }
    };
}
