package dev.metakube.cli;

import dev.metakube.graph.GraphIngestion;
import dev.metakube.graph.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metakube ingest DOCS...}: extracts symptoms, causes, confirm commands and fixes from Markdown or text
 * runbooks into the causal graph (kept with the learned knowledge in the data directory), then prints the graph's
 * communities. Extraction is pattern-based: the DiagnosticModel SPI offers no free-text completion to use here.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Add the causal knowledge of Markdown or text runbooks to the graph.")
final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DOCS", description = "Markdown or text files")
    List<Path> documents;

    @Option(names = "--communities", paramLabel = "N", defaultValue = "10",
            description = "how many communities to print (default: ${DEFAULT-VALUE})")
    int communities;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        IngestReport r = GraphIngestion.ingest(engine.config().build(), documents);
        out.printf("read %d document(s), %d section(s): added %d cause(s), %d symptom(s), %d relation(s)%n",
                r.documents(), r.sections(), r.causesAdded(), r.symptomsAdded(), r.edgesAdded());
        out.println(r.storedIn() == null ? "kept in memory only (--in-memory): nothing was saved"
                : "saved to " + r.storedIn());
        r.notes().forEach(n -> out.println("note: " + n));
        out.printf("%d communities; the %d largest:%n", r.communities().size(),
                Math.min(communities, r.communities().size()));
        for (IngestReport.Community c : r.communities().subList(0, Math.min(communities, r.communities().size()))) {
            out.printf("  [%d] %s%n", c.id(), c.summary());
        }
        out.flush();
        return 0;
    }
}
