package dev.metakube.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated time of an evaluation: the engine's clock and the time of each incident. Replaying a year of
 * incidents in minutes of wall time would make every memory a few seconds old (recency 1 for all) and would
 * spend the engine's hourly feedback budgets, which are meant for bursts, on the whole run. Each scenario
 * therefore happens {@code interval} after the previous one, from a fixed start, which also makes runs
 * reproducible. Not thread-safe: one evaluation drives it.
 */
public final class IncidentClock extends Clock {
    /** Where every evaluation starts. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Duration interval;
    private Instant now = START;

    /**
     * @param interval the time between two incidents; positive
     */
    public IncidentClock(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval between incidents must be positive, was " + interval);
        }
        this.interval = interval;
    }

    /** Moves to the next incident's time and returns it. */
    public Instant next() {
        now = now.plus(interval);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the incident clock is in UTC");
    }
}
