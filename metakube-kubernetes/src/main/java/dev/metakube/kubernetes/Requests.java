package dev.metakube.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to the API server issued in parallel, each bounded by its own budget and all by the collection's
 * deadline. A request that fails or runs out of time yields nothing and leaves a note ("could not read Secrets:
 * forbidden"); the collection goes on without it.
 */
final class Requests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool;
    private final long deadlineNanos;
    private final long perRequestNanos;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** A pending request: its result, or null when it failed (and was noted). */
    final class Pending<T> {
        private final String what;
        private final Future<T> future;

        private Pending(String what, Future<T> future) {
            this.what = what;
            this.future = future;
        }

        T get() {
            try {
                return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                note("could not read " + what + ": no answer within " + budgetMillis() + " ms");
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                note("could not read " + what + ": interrupted");
                return null;
            } catch (CancellationException e) {
                return null;
            } catch (ExecutionException e) {
                note("could not read " + what + ": " + reason(e.getCause()));
                return null;
            }
        }

        private long remainingNanos() {
            return Math.max(0, Math.min(perRequestNanos, deadlineNanos - System.nanoTime()));
        }

        private long budgetMillis() {
            return TimeUnit.NANOSECONDS.toMillis(perRequestNanos);
        }
    }

    Requests(CollectionLimits limits) {
        this.pool = Executors.newFixedThreadPool(limits.parallelism(), r -> {
            Thread t = new Thread(r, "metakube-collect-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.deadlineNanos = System.nanoTime() + limits.total().toNanos();
        this.perRequestNanos = limits.perRequest().toNanos();
    }

    /** Starts a request; {@code what} names what it reads, in the plural, for the note if it fails. */
    <T> Pending<T> start(String what, Supplier<T> call) {
        if (System.nanoTime() > deadlineNanos) {
            note("did not read " + what + ": the time budget of the collection was spent");
            return new Pending<>(what, java.util.concurrent.CompletableFuture.completedFuture(null));
        }
        return new Pending<>(what, pool.submit(call::get));
    }

    /** Runs a request now, failing the whole collection when the server cannot be reached or refuses it. */
    <T> T require(String what, String server, Supplier<T> call) {
        Future<T> f = pool.submit(call::get);
        try {
            return f.get(Math.min(perRequestNanos, Math.max(0, deadlineNanos - System.nanoTime())), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ClusterAccessException("the Kubernetes API server at " + server + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(perRequestNanos) + " ms; check that it is reachable from here"
                    + " (kubeconfig, context, VPN)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterAccessException("interrupted while reading " + what + " from " + server);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)) {
                throw new ClusterAccessException("the Kubernetes API server at " + server + " refused to let us read "
                        + what + ": " + reason(c) + "; check the credentials and RBAC of the kubeconfig in use", c);
            }
            throw new ClusterAccessException("cannot read " + what + " from the Kubernetes API server at " + server
                    + ": " + reason(c) + "; check that it is reachable from here (kubeconfig, context, VPN)", c);
        }
    }

    void note(String note) {
        LOG.debug("{}", note);
        notes.add(note);
    }

    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    boolean timeLeft() {
        return System.nanoTime() < deadlineNanos;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** One line saying why a call failed, in words a person can act on. */
    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() > 0) {
                return switch (k.getCode()) {
                    case 401 -> "unauthorized";
                    case 403 -> "forbidden";
                    case 404 -> "not served by this cluster";
                    default -> "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getMessage() != null
                            ? " " + oneLine(k.getStatus().getMessage()) : "");
                };
            }
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
                return "connection refused or timed out";
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 200 ? t.substring(0, 197) + "..." : t;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
