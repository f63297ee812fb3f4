package dev.metakube.cli;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.engine.MetaKube;
import dev.metakube.llm.openai.ServedModelSettings;
import dev.metakube.spi.ExperienceLog;
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

    @Option(names = "--model-url", paramLabel = "URL", defaultValue = "${env:METAKUBE_MODEL_URL}",
            description = "the base URL of a model served over an OpenAI-compatible API (vLLM, llama.cpp, Ollama),"
                    + " such as http://HOST:8000/v1 (default: $METAKUBE_MODEL_URL); the key, if any, is read from"
                    + " $METAKUBE_MODEL_KEY")
    String modelUrl;

    @Option(names = "--model-name", paramLabel = "NAME", defaultValue = "${env:METAKUBE_MODEL_NAME}",
            description = "the served model's name (default: $METAKUBE_MODEL_NAME)")
    String modelName;

    @Option(names = "--no-seed", description = "do not seed an empty memory with the bundled experience")
    boolean noSeed;

    @Option(names = "--store", paramLabel = "JDBC_URL", defaultValue = "${env:METAKUBE_STORE}",
            description = "share experience with other instances through PostgreSQL, such as"
                    + " jdbc:postgresql://HOST:5432/DB (default: $METAKUBE_STORE); the local stores become an"
                    + " in-memory cache of it and --data is not used. The password is read from"
                    + " $METAKUBE_STORE_PASSWORD, $PGPASSWORD or --store-password-file, and is never printed")
    String store;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "a file whose first line is the password of the --store user")
    Path storePasswordFile;

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
                throw new InvalidInputException("--model", "no such directory: " + modelDir);
            }
            b.property("metakube.model.dir", modelDir.toString());
        }
        if (store != null && !store.isBlank()) {
            b.property(ExperienceLog.STORE, store.strip());
            if (storePasswordFile != null) {
                if (!Files.isReadable(storePasswordFile)) {
                    throw new InvalidInputException("--store-password-file", "cannot read " + storePasswordFile);
                }
                b.property(ExperienceLog.PASSWORD_FILE, storePasswordFile.toString());
            }
        } else if (storePasswordFile != null) {
            throw new InvalidInputException("--store-password-file", "goes with --store (or $METAKUBE_STORE)");
        }
        if (lockWait != null) {
            b.property(DataDirectoryLock.WAIT, lockWait);
        }
        if (modelUrl != null && !modelUrl.isBlank()) {
            if (modelDir != null) {
                throw new InvalidInputException("--model-url", "give either --model DIR (in process) or --model-url"
                        + " (served), not both");
            }
            if (modelName == null || modelName.isBlank()) {
                throw new InvalidInputException("--model-name", "required with --model-url (or set"
                        + " METAKUBE_MODEL_NAME): the name the server serves the model under");
            }
            b.property(ServedModelSettings.URL, modelUrl.strip()).property(ServedModelSettings.NAME, modelName.strip());
            String key = System.getenv("METAKUBE_MODEL_KEY");
            if (key != null && !key.isBlank()) {
                b.property(ServedModelSettings.KEY, key.strip());
            }
        } else if (modelName != null && !modelName.isBlank() && modelDir == null) {
            throw new InvalidInputException("--model-name", "names a served model: give --model-url as well (or set"
                    + " METAKUBE_MODEL_URL)");
        }
        return b;
    }

    MetaKube open() {
        return MetaKube.builder().config(config().build()).build();
    }
}
