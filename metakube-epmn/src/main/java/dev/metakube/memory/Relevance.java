package dev.metakube.memory;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Query;
import dev.metakube.api.ScoredMemory;
import dev.metakube.api.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of the store's relevance, what recall ranks by (paper eq. 2, 13-17), each a pure function.
 */
final class Relevance {
    /** Distinct symptoms at which complexity saturates: H = ln 16 means "as complex as it gets". */
    private static final double COMPLEXITY_SCALE = Math.log(16);
    /** Distinct words at which text-only complexity saturates. */
    private static final double TEXT_COMPLEXITY_SCALE = Math.log(256);

    private Relevance() {
    }

    /** Recency {@code exp(−Δt/τ_r)}; a memory from the query's future counts as fresh. */
    static double recency(Instant memory, Instant at, Duration tau) {
        long dt = at.toEpochMilli() - memory.toEpochMilli();
        return dt <= 0 ? 1.0 : Math.exp(-(double) dt / tau.toMillis());
    }

    /** The similarity factor {@code exp(−d/σ_sim)} with {@code d = 1 − cos} (eq. 8): 1 for the same text. */
    static double similarity(double cosine, double scale) {
        double d = 1 - Math.max(-1, Math.min(1, cosine));
        return Math.exp(-d / scale);
    }

    /**
     * Complexity κ: Shannon entropy of the query's symptoms, normalised. With signals, the distribution is over
     * their keys weighted by strength; without, over the words of the text.
     */
    static double complexity(Query q) {
        Map<String, Double> mass = new HashMap<>();
        double scale;
        if (!q.signals().isEmpty()) {
            for (Signal s : q.signals()) {
                mass.merge(s.key(), Math.max(s.strength(), 1e-3), Double::sum);
            }
            scale = COMPLEXITY_SCALE;
        } else {
            for (String w : q.text().toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.length() > 2) {
                    mass.merge(w, 1.0, Double::sum);
                }
            }
            scale = TEXT_COMPLEXITY_SCALE;
        }
        double total = 0;
        for (double m : mass.values()) {
            total += m;
        }
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (double m : mass.values()) {
            double p = m / total;
            h -= p * Math.log(p);
        }
        return Math.max(0, Math.min(1, h / scale));
    }

    /**
     * ψ(ν, κ): the weight of patterns against episodes (eq. 2). A novel query (far from any single episode) and a
     * complex one (many symptoms) are served better by abstractions; a familiar, simple one by the closest
     * episode. Kept in [0.25, 0.75] so neither kind of memory is ever silenced.
     */
    static double patternWeight(double novelty, double complexity) {
        return 0.25 + 0.5 * (novelty + complexity) / 2;
    }

    /**
     * Context compatibility: the mean agreement of namespace, kind, Kubernetes version and labels. A component
     * unknown on either side counts 0.5; versions that share the major version count 0.5.
     */
    static double context(ClusterContext query, ClusterContext memory) {
        return query.compatibility(memory);
    }

    /**
     * The relevance of a memory, what the store ranks by: its type weight times its similarity, tempered by recency,
     * reliability and context (each moves it by at most a factor of two, so that similarity dominates).
     */
    static double relevance(double typeWeight, double sim, double recency, double reliability, double ctx) {
        return typeWeight * sim * (0.5 + 0.5 * recency) * (0.5 + 0.5 * reliability) * (0.5 + 0.5 * ctx);
    }

    /**
     * Mixes episodes and patterns into the top {@code k} (eq. 2): ψ·k of the places (rounded, at least one when
     * a pattern is similar at all) go to the most relevant patterns, the rest to the most relevant episodes; a
     * side with too few candidates leaves its places to the other. The result is ordered by relevance.
     */
    static List<ScoredMemory> mix(List<ScoredMemory> episodes, List<ScoredMemory> patterns, double psi, int k) {
        java.util.Comparator<ScoredMemory> byRelevance = (a, b) -> Double.compare(b.relevance(), a.relevance());
        List<ScoredMemory> e = new java.util.ArrayList<>(episodes);
        List<ScoredMemory> p = new java.util.ArrayList<>();
        for (ScoredMemory m : patterns) {
            if (m.cosine() > 0) {
                p.add(m);
            }
        }
        e.sort(byRelevance);
        p.sort(byRelevance);
        int patternPlaces = p.isEmpty() ? 0 : Math.max(1, (int) Math.round(psi * k));
        patternPlaces = Math.min(patternPlaces, p.size());
        int episodePlaces = Math.min(e.size(), k - patternPlaces);
        patternPlaces = Math.min(p.size(), k - episodePlaces);
        List<ScoredMemory> out = new java.util.ArrayList<>(k);
        out.addAll(e.subList(0, episodePlaces));
        out.addAll(p.subList(0, patternPlaces));
        out.sort(byRelevance);
        return List.copyOf(out);
    }
}
