package dev.metakube.cli;

import dev.metakube.kubernetes.ClusterConnection;
import dev.metakube.kubernetes.CollectionLimits;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach a cluster: the options of the commands that read one. */
final class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig to use (default: KUBECONFIG, then ~/.kube/config, then in-cluster)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "the kubeconfig context (default: the current one)")
    String context;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "the budget of one request to the API server (default: ${DEFAULT-VALUE})")
    int requestTimeout;

    @Option(names = "--collect-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "the budget of collecting one object's evidence (default: ${DEFAULT-VALUE})")
    int collectTimeout;

    KubernetesClient open() {
        return ClusterConnection.open(kubeconfig, context, Duration.ofSeconds(Math.max(1, requestTimeout)));
    }

    CollectionLimits limits() {
        return CollectionLimits.defaults().withPerRequest(Duration.ofSeconds(Math.max(1, requestTimeout)))
                .withTotal(Duration.ofSeconds(Math.max(1, collectTimeout)));
    }

    /** The namespace asked for, else the kubeconfig's, else {@code default}. */
    static String namespace(String asked, KubernetesClient client) {
        if (asked != null && !asked.isBlank()) {
            return asked;
        }
        String ns = client.getNamespace();
        return ns == null || ns.isBlank() ? "default" : ns;
    }
}
