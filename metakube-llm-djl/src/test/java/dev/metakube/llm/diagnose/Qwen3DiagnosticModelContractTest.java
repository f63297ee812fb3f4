package dev.metakube.llm.diagnose;

import dev.metakube.contract.DiagnosticModelContract;
import dev.metakube.spi.DiagnosticModel;

/** The SPI contract, run on a tiny random Qwen3 checkpoint: schema-constrained decoding keeps its garbage valid. */
class Qwen3DiagnosticModelContractTest extends DiagnosticModelContract {
    @Override
    protected DiagnosticModel createModel() {
        return new Qwen3ModelProvider().create(TinyModels.config(24));
    }
}
