package dev.metakube.llm.openai;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import dev.metakube.spi.Providers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides a model served over an OpenAI-compatible API as {@code openai} (priority 200, above the in-process
 * Qwen3) when {@code metakube.model.url} is set; {@code metakube.model.name} names the served model. Creating it
 * opens no connection: the server is first asked at the first diagnosis. The fallback is the provider named
 * {@code template}, found on the class path.
 */
public final class ServedModelProvider implements DiagnosticModelProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ServedModelProvider.class);
    /** The provider whose model answers when the server cannot. */
    static final String FALLBACK = "template";

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public boolean isAvailable(MetaKubeConfig config) {
        return config.property(ServedModelSettings.URL).filter(u -> !u.isBlank()).isPresent();
    }

    @Override
    public String requirement() {
        return "set " + ServedModelSettings.URL + " to the server's base URL (http://HOST:PORT/v1) and "
                + ServedModelSettings.NAME + " to the served model's name; optional " + ServedModelSettings.KEY
                + ", " + ServedModelSettings.TIMEOUT + ", " + ServedModelSettings.RETRIES + ", "
                + ServedModelSettings.JSON_SCHEMA;
    }

    @Override
    public DiagnosticModel create(MetaKubeConfig config) {
        ServedModelSettings settings = ServedModelSettings.from(config);
        DiagnosticModel fallback = null;
        for (DiagnosticModelProvider p : Providers.all(DiagnosticModelProvider.class)) {
            if (p.name().equals(FALLBACK)) {
                fallback = p.create(config);
                break;
            }
        }
        if (fallback == null) {
            LOG.warn("no '{}' model on the class path: diagnoses fail while the model server cannot answer", FALLBACK);
        }
        return new ServedDiagnosticModel(settings, fallback, Clock.systemUTC());
    }
}
