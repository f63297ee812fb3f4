package dev.metakube.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOwnerIsRefusedNamingTheHolderAndGetsItAfterRelease() throws Exception {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dir, Duration.ZERO)) {
            String holder = Files.readString(dir.resolve(DataDirectoryLock.FILE));
            assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " on host "), holder);
            assertTrue(holder.contains("started "), holder);
            DataDirectoryLockedException e = assertThrows(DataDirectoryLockedException.class,
                    () -> DataDirectoryLock.acquire(dir, Duration.ZERO));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains(DataDirectoryLock.WAIT), "says how to wait: " + e.getMessage());
            assertEquals(first.directory(), dir);
        }
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dir, Duration.ZERO)) {
            assertEquals(dir, again.directory());
        }
    }

    @Test
    void waitsForTheHolderUpToTheConfiguredTime() throws Exception {
        DataDirectoryLock held = DataDirectoryLock.acquire(dir, Duration.ZERO);
        long t0 = System.nanoTime();
        assertThrows(DataDirectoryLockedException.class, () -> DataDirectoryLock.acquire(dir, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "it waited before giving up");
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.close();
        });
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).property(DataDirectoryLock.WAIT, "PT20S").build();
        try (DataDirectoryLock waited = DataDirectoryLock.acquire(config).orElseThrow()) {
            assertTrue(release.isDone(), "acquired only once the holder let go");
            assertEquals(dir, waited.directory());
        }
    }

    @Test
    void aBadWaitNamesTheProperty() {
        MetaKubeConfig bad = MetaKubeConfig.builder().dataDir(dir).property(DataDirectoryLock.WAIT, "30s").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DataDirectoryLock.acquire(bad));
        assertTrue(e.getMessage().contains(DataDirectoryLock.WAIT) && e.getMessage().contains("30s"), e.getMessage());
        MetaKubeConfig negative = MetaKubeConfig.builder().dataDir(dir).property(DataDirectoryLock.WAIT, "-PT1S").build();
        assertThrows(InvalidInputException.class, () -> DataDirectoryLock.acquire(negative));
    }

    @Test
    void nothingIsLockedWithoutADataDirectory() {
        assertTrue(DataDirectoryLock.acquire(MetaKubeConfig.builder().dataDir(null).build()).isEmpty());
    }
}
