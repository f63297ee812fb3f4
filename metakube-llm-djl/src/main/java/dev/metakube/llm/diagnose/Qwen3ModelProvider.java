package dev.metakube.llm.diagnose;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Provides {@link Qwen3DiagnosticModel} as {@code qwen3} (priority 100) when {@code metakube.model.dir} names an
 * existing checkpoint directory; otherwise the engine falls back to its template model.
 */
public final class Qwen3ModelProvider implements DiagnosticModelProvider {
    @Override
    public String name() {
        return "qwen3";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable(MetaKubeConfig config) {
        return config.property(ModelSettings.DIR).map(d -> Files.isRegularFile(Path.of(d).resolve("config.json")))
                .orElse(false);
    }

    @Override
    public String requirement() {
        return "set metakube.model.dir to a Qwen3 checkpoint directory (config.json + safetensors); optional"
                + " metakube.model.adapter (PEFT LoRA), metakube.model.device cpu|gpu, metakube.model.dtype fp32|fp16";
    }

    @Override
    public DiagnosticModel create(MetaKubeConfig config) {
        return Qwen3DiagnosticModel.open(ModelSettings.from(config));
    }
}
