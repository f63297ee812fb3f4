package dev.metakube.template;

import dev.metakube.contract.DiagnosticModelContract;
import dev.metakube.spi.DiagnosticModel;

class TemplateModelContractTest extends DiagnosticModelContract {
    @Override
    protected DiagnosticModel createModel() {
        return TemplateModelProvider.newModel();
    }
}
