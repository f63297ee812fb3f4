package dev.metakube.engine;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.Memory;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pattern;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.ScoredMemory;
import dev.metakube.spi.TrustFactors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's four features of a recalled memory (paper eq. 8, 15), computed here and nowhere else, whatever the
 * memory store and the router: from the query, what the store recalled and the query's time.
 *
 * <ul>
 * <li>similarity {@code exp(−(1 − cos)/σ_sim)}, σ_sim being {@link MetaKubeConfig#similarityScale()};
 * <li>recency {@code exp(−Δt/τ_r)} of the time since the episode happened or the pattern last changed,
 *     τ_r being {@link MetaKubeConfig#recencyScale()}; a memory from the query's future counts as fresh;
 * <li>reliability, the store's {@link ScoredMemory#reliability()} at the query's time;
 * <li>context compatibility, the mean agreement of namespace, kind, Kubernetes version and labels; a component
 *     unknown on either side counts 0.5, versions that share the major version count 0.5.
 * </ul>
 */
final class RouterFeatures {
    private final Duration recencyScale;
    private final double similarityScale;

    RouterFeatures(Duration recencyScale, double similarityScale) {
        this.recencyScale = recencyScale;
        this.similarityScale = similarityScale;
    }

    /** The features with the configuration's τ_r and σ_sim. */
    static RouterFeatures from(MetaKubeConfig config) {
        return new RouterFeatures(config.recencyScale(), config.similarityScale());
    }

    /** The factors of every memory of the recall, in its order. */
    FactoredRecall of(Recall recall, Query query) {
        List<TrustFactors> factors = new ArrayList<>(recall.memories().size());
        for (ScoredMemory m : recall.memories()) {
            factors.add(of(m, query));
        }
        return new FactoredRecall(recall, factors);
    }

    /** The factors of one recalled memory for the query, at the query's time. */
    TrustFactors of(ScoredMemory m, Query query) {
        double cos = Math.max(-1, Math.min(1, m.cosine()));
        double similarity = Math.exp(-(1 - cos) / similarityScale);
        return new TrustFactors(clamp(similarity), clamp(recency(time(m.memory()), query.at(), recencyScale)),
                clamp(m.reliability()), clamp(context(query.context(), m.context())));
    }

    /** When the memory was last true: an episode's time, a pattern's last change. */
    private static Instant time(Memory m) {
        if (m instanceof Episode e) {
            return e.time();
        }
        return ((Pattern) m).updated();
    }

    /** Recency {@code exp(−Δt/τ_r)}; a memory from the query's future counts as fresh. */
    static double recency(Instant memory, Instant at, Duration tau) {
        long dt = at.toEpochMilli() - memory.toEpochMilli();
        return dt <= 0 ? 1.0 : Math.exp(-(double) dt / tau.toMillis());
    }

    /**
     * Context compatibility: the mean agreement of namespace, kind, Kubernetes version and labels. A component
     * unknown on either side counts 0.5; versions that share the major version count 0.5.
     */
    static double context(ClusterContext query, ClusterContext memory) {
        return query.compatibility(memory);
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
