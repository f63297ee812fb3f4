package dev.metakube.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.MetaKubeConfig;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    /** Always available, priority 10. */
    public static final class Plain implements EmbedderProvider {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Embedder create(MetaKubeConfig config) {
            throw new UnsupportedOperationException("not needed by these tests");
        }
    }

    /** Higher priority, but only available with a property set. */
    public static final class Fancy implements EmbedderProvider {
        @Override
        public String name() {
            return "fancy";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public boolean isAvailable(MetaKubeConfig config) {
            return config.property("fancy.dir").isPresent();
        }

        @Override
        public String requirement() {
            return "set fancy.dir";
        }

        @Override
        public Embedder create(MetaKubeConfig config) {
            throw new UnsupportedOperationException("not needed by these tests");
        }
    }

    @Test
    void listsByPriority() {
        assertEquals("fancy", Providers.all(EmbedderProvider.class).get(0).name());
    }

    @Test
    void theHighestAvailablePriorityWins() {
        assertEquals("plain", Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                MetaKubeConfig.defaults()).name());
        assertEquals("fancy", Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                MetaKubeConfig.builder().property("fancy.dir", "/x").build()).name());
    }

    @Test
    void aNamedProviderIsUsedOrTheErrorSaysWhy() {
        assertEquals("plain", Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                MetaKubeConfig.builder().provider(MetaKubeConfig.EMBEDDER, "plain").property("fancy.dir", "/x").build()).name());
        BackendUnavailableException unavailable = assertThrows(BackendUnavailableException.class,
                () -> Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                        MetaKubeConfig.builder().provider(MetaKubeConfig.EMBEDDER, "fancy").build()));
        assertTrue(unavailable.getMessage().contains("set fancy.dir"), unavailable.getMessage());
        BackendUnavailableException missing = assertThrows(BackendUnavailableException.class,
                () -> Providers.select(EmbedderProvider.class, MetaKubeConfig.EMBEDDER,
                        MetaKubeConfig.builder().provider(MetaKubeConfig.EMBEDDER, "nope").build()));
        assertTrue(missing.getMessage().contains("fancy (priority 100, unavailable)")
                && missing.getMessage().contains("plain (priority 10)"), missing.getMessage());
    }

    @Test
    void noProviderAtAllSaysWhatToAdd() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Providers.select(MemoryStoreProvider.class, MetaKubeConfig.MEMORY, MetaKubeConfig.defaults()));
        assertTrue(e.getMessage().contains("metakube-epmn"), e.getMessage());
    }
}
