package dev.metakube.memory;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.contract.MemoryStoreContract;
import dev.metakube.spi.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract, durable on disk, created through the provider as the engine does. */
class EpmnDurableStoreContractTest extends MemoryStoreContract {
    @TempDir
    Path tmp;

    @Override
    protected MemoryStore createStore() {
        try {
            Path dir = Files.createTempDirectory(tmp, "data");
            return new EpmnProvider().create(MetaKubeConfig.builder().dataDir(dir).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
