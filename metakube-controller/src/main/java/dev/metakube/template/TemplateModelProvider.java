package dev.metakube.template;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;

/**
 * Provides the deterministic template model, named {@code template}. Priority 0: any language model that is
 * available wins over it; it is always available.
 */
public final class TemplateModelProvider implements DiagnosticModelProvider {
    @Override
    public String name() {
        return "template";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public DiagnosticModel create(MetaKubeConfig config) {
        return new TemplateModel();
    }

    /** A template model outside provider discovery, for the engine's model-off ablation. */
    public static DiagnosticModel newModel() {
        return new TemplateModel();
    }
}
