package dev.metakube.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds how fast feedback can weaken one piece of established knowledge (a trusted memory, a graph cause): a
 * token bucket per key with {@code capacity} tokens refilled evenly over {@code period}. A burst of wrong
 * feedback therefore weakens it a few times and is then held back until time passes, instead of flipping it at
 * once. Keys are kept for the most recently used {@value #MAX_KEYS}. Not thread-safe: the engine serializes
 * learning.
 */
final class ChangeBudget {
    static final int MAX_KEYS = 10_000;

    private final double capacity;
    private final double perNano;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_KEYS;
        }
    };

    ChangeBudget(int capacity, Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("capacity must be positive and period positive");
        }
        this.capacity = capacity;
        this.perNano = capacity / (double) period.toNanos();
    }

    /** Whether {@code key} has a budget (it was weakened recently). */
    boolean tracks(String key) {
        return buckets.containsKey(key);
    }

    /** Takes one token for {@code key} at {@code now}; false when its budget is spent. */
    boolean take(String key, Instant now) {
        long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {capacity, t});
        double tokens = Math.min(capacity, b[0] + Math.max(0, t - b[1]) * perNano);
        b[1] = Math.max(b[1], t);
        if (tokens < 1) {
            b[0] = tokens;
            return false;
        }
        b[0] = tokens - 1;
        return true;
    }
}
