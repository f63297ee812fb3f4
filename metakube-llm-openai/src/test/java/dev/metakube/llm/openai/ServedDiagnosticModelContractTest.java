package dev.metakube.llm.openai;

import dev.metakube.contract.DiagnosticModelContract;
import dev.metakube.llm.openai.ScriptedServer.Reply;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.template.TemplateModelProvider;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The model contract over HTTP. The server answers every request with the same diagnosis, which proposes a command
 * nothing supports: the contract's checks then test the plumbing, the validation and the hypotheses, not the weights.
 */
class ServedDiagnosticModelContractTest extends DiagnosticModelContract {
    private ScriptedServer server;

    @Override
    protected DiagnosticModel createModel() {
        server = new ScriptedServer(Reply.content(ServedDiagnosticModelTest.ANSWER.replace(
                "kubectl delete namespace payments", "kubectl delete namespace prod")));
        return new ServedDiagnosticModel(ServedModelSettings.from(ServedDiagnosticModelTest.config(server.url())
                .build()), TemplateModelProvider.newModel(), Clock.systemUTC());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
