package dev.metakube.llm.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops asking a server that keeps failing: after {@code failures} consecutive failures the circuit opens for
 * {@code cooldown}, during which calls are refused at once; then one call is let through (half open), and its outcome
 * closes the circuit or opens it again. Thread-safe.
 */
final class CircuitBreaker {
    private final int failures;
    private final Duration cooldown;
    private final Clock clock;
    private int consecutive;
    private Instant openUntil;
    private boolean trialInFlight;

    CircuitBreaker(int failures, Duration cooldown, Clock clock) {
        this.failures = failures;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** Whether a call may go out now; a true answer in the half-open state reserves the single trial. */
    synchronized boolean allow() {
        if (openUntil == null) {
            return true;
        }
        if (clock.instant().isBefore(openUntil) || trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    synchronized void success() {
        consecutive = 0;
        openUntil = null;
        trialInFlight = false;
    }

    synchronized void failure() {
        consecutive++;
        trialInFlight = false;
        if (consecutive >= failures) {
            openUntil = clock.instant().plus(cooldown);
        }
    }

    /** When the circuit closes again for a trial, or null when it is closed. */
    synchronized Instant openUntil() {
        return openUntil;
    }
}
