package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.Diagnosis;
import dev.metakube.engine.MetaKube;
import dev.metakube.incident.IncidentFiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metakube diagnose FILE}: diagnoses one incident. */
@Command(name = "diagnose", mixinStandardHelpOptions = true, description = "Diagnose an incident (JSON or YAML incident, or plain text evidence; - for stdin).")
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the incident file, or - for standard input")
    String file;

    @Option(names = "--json", description = "print the diagnosis as JSON")
    boolean json;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IncidentFiles.Read read = IncidentFiles.read(file, System.in);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String note : read.notes()) {
            err.println("metakube: note: " + note);
        }
        try (MetaKube mk = engine.open()) {
            Diagnosis d = mk.diagnose(read.incident());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(DiagnosisView.json(d)));
            } else {
                out.print(DiagnosisView.readable(d));
            }
            out.flush();
        }
        return 0;
    }
}
