package dev.metakube.cli;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.engine.MetaKube;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/** Options every command that opens an engine shares. */
final class EngineOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "where memory and learned knowledge live (default: ~/.metakube)")
    Path dataDir;

    @Option(names = "--in-memory", description = "keep nothing on disk")
    boolean inMemory;

    @Option(names = "--model", paramLabel = "DIR",
            description = "a Qwen3 checkpoint directory; without it the template model writes the diagnosis")
    Path modelDir;

    @Option(names = "--lock-wait", paramLabel = "DURATION",
            description = "wait this long (ISO-8601, e.g. PT30S) for another process using the data directory; "
                    + "default: fail at once (property " + DataDirectoryLock.WAIT + ")")
    String lockWait;

    @Option(names = "--no-seed", description = "do not seed an empty memory with the bundled experience")
    boolean noSeed;

    /** The data directory in effect: {@code --data}, or {@code ~/.metakube}; null when in memory. */
    Path dataDir() {
        if (inMemory) {
            return null;
        }
        return dataDir != null ? dataDir : Paths.get(System.getProperty("user.home"), ".metakube");
    }

    MetaKubeConfig.Builder config() {
        MetaKubeConfig.Builder b = MetaKubeConfig.builder().dataDir(dataDir()).seedExperience(!noSeed);
        if (modelDir != null) {
            if (!Files.isDirectory(modelDir)) {
                throw new dev.metakube.api.InvalidInputException("--model", "no such directory: " + modelDir);
            }
            b.property("metakube.model.dir", modelDir.toString());
        }
        if (lockWait != null) {
            b.property(DataDirectoryLock.WAIT, lockWait);
        }
        return b;
    }

    MetaKube open() {
        return MetaKube.builder().config(config().build()).build();
    }
}
