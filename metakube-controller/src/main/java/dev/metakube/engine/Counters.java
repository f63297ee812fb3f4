package dev.metakube.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What an engine has done since it started, counted by its parts for {@link EngineStats}. */
final class Counters {
    final AtomicLong diagnoses = new AtomicLong();
    final AtomicLong intuitive = new AtomicLong();
    final AtomicLong feedbacks = new AtomicLong();
    final AtomicLong feedbackIgnored = new AtomicLong();
}
