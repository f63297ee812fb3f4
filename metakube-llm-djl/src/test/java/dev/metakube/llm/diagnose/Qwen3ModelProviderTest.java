package dev.metakube.llm.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.DiagnosticModelProvider;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qwen3ModelProviderTest {
    @TempDir
    Path tmp;

    @Test
    void availableOnlyWithACheckpointDirectory() {
        DiagnosticModelProvider p = ServiceLoader.load(DiagnosticModelProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("qwen3")).findFirst().orElseThrow();
        assertEquals(100, p.priority());
        assertFalse(p.isAvailable(MetaKubeConfig.defaults()));
        assertFalse(p.isAvailable(MetaKubeConfig.builder().property(ModelSettings.DIR, tmp.toString()).build()));
        assertFalse(p.isAvailable(MetaKubeConfig.builder().property(ModelSettings.DIR, tmp.resolve("none").toString())
                .build()));
        assertTrue(p.isAvailable(TinyModels.config(0)));
        assertTrue(p.requirement().contains("metakube.model.dir"));
    }

    @Test
    void settingsAreValidated() {
        MetaKubeConfig ok = MetaKubeConfig.builder().property(ModelSettings.DIR, tmp.toString())
                .property(ModelSettings.DTYPE, "FP16").property(ModelSettings.DEVICE, "cpu").build();
        ModelSettings s = ModelSettings.from(ok);
        assertEquals(DataType.FLOAT16, s.dtype());
        assertFalse(s.gpu());
        assertThrows(InvalidInputException.class, () -> ModelSettings.from(ok.toBuilder()
                .property(ModelSettings.DTYPE, "bf16").build()));
        assertThrows(InvalidInputException.class, () -> ModelSettings.from(ok.toBuilder()
                .property(ModelSettings.DEVICE, "tpu").build()));
        assertThrows(InvalidInputException.class, () -> ModelSettings.from(ok.toBuilder()
                .property(ModelSettings.ADAPTER, tmp.resolve("missing").toString()).build()));
        assertThrows(InvalidInputException.class, () -> ModelSettings.from(ok.toBuilder()
                .property(ModelSettings.THINKING, "lots").build()));
    }
}
