package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Incident;
import dev.metakube.engine.MetaKube;
import dev.metakube.incident.IncidentFiles;
import dev.metakube.kubernetes.ClusterEvidence;
import dev.metakube.kubernetes.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metakube diagnose FILE}, or {@code --pod}/{@code --workload} from a live cluster: diagnoses one incident. */
@Command(name = "diagnose", mixinStandardHelpOptions = true, description = "Diagnose an incident (JSON or YAML incident, or plain text evidence; - for "
        + "stdin), or a Pod or workload read from a live cluster.")
final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the incident file, or - for standard input")
    String file;

    @Option(names = "--pod", paramLabel = "NAME", description = "collect the evidence of this Pod from the cluster")
    String pod;

    @Option(names = "--workload", paramLabel = "KIND/NAME",
            description = "collect the evidence of this workload (deployment/web, sts/db, job/x, cronjob/y...)")
    String workload;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "the namespace (default: the kubeconfig's)")
    String namespace;

    @Option(names = "--dump", paramLabel = "DIR", description = "also write the collected incident into DIR as a file "
            + "that diagnose FILE reads back")
    Path dump;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--json", description = "print the diagnosis as JSON")
    boolean json;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Incident incident;
        if ((file != null ? 1 : 0) + (pod != null ? 1 : 0) + (workload != null ? 1 : 0) != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one of FILE, --pod NAME or --workload KIND/NAME");
        }
        if (file != null) {
            IncidentFiles.Read read = IncidentFiles.read(file, System.in);
            for (String note : read.notes()) {
                err.println("metakube: note: " + note);
            }
            incident = read.incident();
        } else {
            try (KubernetesClient client = cluster.open()) {
                String ns = ClusterOptions.namespace(namespace, client);
                ObjectRef ref = pod != null ? ObjectRef.pod(ns, pod) : ObjectRef.parse(workload, ns);
                incident = ClusterEvidence.collect(client, ref, cluster.limits());
            }
            if (dump != null) {
                err.println("metakube: wrote " + IncidentDump.write(incident, dump));
            }
        }
        try (MetaKube mk = engine.open()) {
            Diagnosis d = mk.diagnose(incident);
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
