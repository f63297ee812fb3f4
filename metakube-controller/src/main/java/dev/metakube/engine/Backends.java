package dev.metakube.engine;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.route.Calibrator;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.Router;

/**
 * The backends an engine was assembled with (real ones or stand-ins; the engine does not tell them apart) and
 * its two calibrators.
 *
 * @param calibration the probability of a pathway's answer from its raw score, learned from every candidate
 * @param fastAnswers the probability of a fast answer actually given, learned from the verdict on it. The first
 *                    map learns from every intuitive candidate, taken or not, so that memories can be scored
 *                    below τ; but a candidate left unused is judged by comparing its wording with the reported
 *                    cause, which misses rewordings of the same cause and makes that map pessimistic
 */
record Backends(EvidenceAnalyzer analyzer, MemoryStore memory, CausalGraph graph, DiagnosticModel model, Router router, Embedder embedder,
                Calibrator calibration, Calibrator fastAnswers) {

    /** What the backends are, for stats and logs. */
    String describe() {
        return "analyzer=" + name(analyzer) + ", memory=" + name(memory) + ", graph=" + name(graph) + ", model=" + model.name() + ", router="
                + name(router) + ", embedder=" + embedder.model();
    }

    private static String name(Object o) {
        return o.getClass().getSimpleName();
    }

    /** Closes every backend, the first failure rethrown after all were tried. */
    static void closeAll(AutoCloseable... closeables) {
        RuntimeException first = null;
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new BackendUnavailableException("close failed: " + e, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
