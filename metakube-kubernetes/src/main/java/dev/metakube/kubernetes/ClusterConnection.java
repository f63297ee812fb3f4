package dev.metakube.kubernetes;

import dev.metakube.api.InvalidInputException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a client the way {@code kubectl} finds its cluster: an explicit kubeconfig file, else {@code KUBECONFIG},
 * else {@code ~/.kube/config}, else the in-cluster service account; {@code context} picks a context of the
 * kubeconfig (null: its current context). The client does not retry a refused connection for long, so that an
 * unreachable server is reported within the collection's budget.
 */
public final class ClusterConnection {
    private ClusterConnection() {
    }

    /**
     * @param kubeconfig a kubeconfig file, or null to look where {@code kubectl} looks
     * @param context    a context name, or null for the current one
     * @param timeout    the connection and request timeout
     * @throws InvalidInputException when the kubeconfig file cannot be read or has no such context
     */
    // fromKubeconfig(context, text, path) is marked for removal in fabric8 7 without a replacement that takes a
    // context and an explicit file; it stays until one exists
    @SuppressWarnings("removal")
    public static KubernetesClient open(Path kubeconfig, String context, Duration timeout) {
        Config base;
        if (kubeconfig != null) {
            String text;
            try {
                text = Files.readString(kubeconfig);
            } catch (IOException e) {
                throw new InvalidInputException("--kubeconfig", "cannot read " + kubeconfig + ": " + e.getMessage());
            }
            try {
                base = Config.fromKubeconfig(context, text, kubeconfig.toAbsolutePath().toString());
            } catch (RuntimeException e) {
                throw new InvalidInputException("--kubeconfig", kubeconfig + (context == null ? "" : " (context "
                        + context + ")") + " cannot be used: " + e.getMessage());
            }
        } else {
            base = Config.autoConfigure(context);
            if (context != null && (base.getCurrentContext() == null
                    || !context.equals(base.getCurrentContext().getName()))) {
                throw new InvalidInputException("--context", "no context named '" + context
                        + "' in the kubeconfig (KUBECONFIG or ~/.kube/config)");
            }
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Config config = new ConfigBuilder(base).withConnectionTimeout(millis).withRequestTimeout(millis)
                .withRequestRetryBackoffLimit(1).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
