package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeException;
import dev.metakube.engine.MetaKube;
import dev.metakube.kubernetes.ClusterEvidence;
import dev.metakube.kubernetes.ClusterScan;
import dev.metakube.kubernetes.CollectionLimits;
import dev.metakube.kubernetes.UnhealthyObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metakube scan}: finds what is unhealthy in a namespace (or in all), collects the evidence of each and
 * diagnoses it; prints a table (object, category, cause, confidence) or JSON.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Find what is unhealthy in a namespace of a live cluster and diagnose each.")
final class ScanCommand implements Callable<Integer> {
    /** Collections in flight at once: each is itself a handful of parallel requests. */
    private static final int COLLECTORS = 4;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "the namespace (default: the kubeconfig's)")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "scan every namespace")
    boolean allNamespaces;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Option(names = "--dump", paramLabel = "DIR", description = "also write each collected incident into DIR")
    Path dump;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One row of the result. */
    record Row(UnhealthyObject object, Diagnosis diagnosis, String error) {
    }

    @Override
    public Integer call() throws Exception {
        if (allNamespaces && namespace != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give -n NS or --all-namespaces, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Row> rows = new ArrayList<>();
        int podsSeen;
        try (KubernetesClient client = cluster.open()) {
            String ns = allNamespaces ? null : ClusterOptions.namespace(namespace, client);
            CollectionLimits limits = cluster.limits();
            // the cluster first: an unreachable one fails before the engine pays its start
            ClusterScan.Result scan = ClusterScan.scan(client, ns, limits);
            podsSeen = scan.podsSeen();
            for (String note : scan.notes()) {
                err.println("metakube: note: " + note);
            }
            collectAndDiagnose(client, scan, limits, rows);
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(rows)));
        } else {
            out.print(table(rows, podsSeen));
        }
        out.flush();
        return 0;
    }

    private void collectAndDiagnose(KubernetesClient client, ClusterScan.Result scan, CollectionLimits limits,
                                 List<Row> rows) {
        if (scan.unhealthy().isEmpty()) {
            return;
        }
        try (MetaKube mk = engine.open()) {
            ExecutorService pool = Executors.newFixedThreadPool(COLLECTORS);
            try (ProgressBar bar = progress(scan.unhealthy().size())) {
                List<CompletableFuture<Incident>> incidents = new ArrayList<>();
                for (UnhealthyObject u : scan.unhealthy()) {
                    incidents.add(CompletableFuture.supplyAsync(() -> ClusterEvidence.collect(client, u.ref(), limits),
                            pool));
                }
                for (int i = 0; i < incidents.size(); i++) {
                    UnhealthyObject u = scan.unhealthy().get(i);
                    try {
                        Incident incident = incidents.get(i).join();
                        if (dump != null) {
                            IncidentDump.write(incident, dump);
                        }
                        rows.add(new Row(u, mk.diagnose(incident), ""));
                    } catch (java.util.concurrent.CompletionException e) {
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        if (!(cause instanceof MetaKubeException)) {
                            throw e;
                        }
                        rows.add(new Row(u, null, cause.getMessage()));
                    }
                    if (bar != null) {
                        bar.step();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A progress bar on standard error when it is a terminal; none when piped. */
    private static ProgressBar progress(int total) {
        if (System.console() == null || total == 0) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("Diagnosing").setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    static String table(List<Row> rows, int podsSeen) {
        if (rows.isEmpty()) {
            return "Nothing unhealthy found (" + podsSeen + " pods seen).\n";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-48s %-14s %-10s %s%n", "OBJECT", "CATEGORY",
                "CONFIDENCE", "CAUSE"));
        for (Row r : rows) {
            String object = r.object().ref().toString();
            if (r.diagnosis() == null) {
                b.append(String.format(Locale.ROOT, "%-48s %-14s %-10s %s%n", object, "-", "-",
                        "could not collect: " + r.error()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-48s %-14s %-10.2f %s%n", object,
                    r.diagnosis().category().label(), r.diagnosis().confidence(), r.diagnosis().rootCause()));
        }
        b.append(rows.size()).append(" unhealthy of ").append(podsSeen).append(" pods seen; `metakube diagnose --pod NAME`"
                + " shows a diagnosis in full.\n");
        return b.toString();
    }

    private static List<Map<String, Object>> json(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", r.object().ref().path());
            m.put("namespace", r.object().ref().namespace());
            m.put("owner", r.object().owner());
            m.put("problem", r.object().problem());
            if (r.diagnosis() != null) {
                m.put("category", r.diagnosis().category().label());
                m.put("rootCause", r.diagnosis().rootCause());
                m.put("confidence", r.diagnosis().confidence());
                m.put("diagnosisId", r.diagnosis().id());
            } else {
                m.put("error", r.error());
            }
            out.add(m);
        }
        return out;
    }
}
