package dev.metakube.standin;

import dev.metakube.api.Embedding;
import dev.metakube.api.Episode;
import dev.metakube.api.Memory;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.MemoryStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A memory that keeps nothing and recalls nothing: assembled into an engine, every diagnosis takes the analytical
 * pathway and nothing is remembered. Build the engine with {@code seedExperience(false)}: there is nothing to seed.
 */
public final class NoMemory implements MemoryStore {
    @Override
    public void record(Episode episode, Embedding embedding) {
        // forgotten at once
    }

    @Override
    public Recall recall(Query query, int k) {
        return Recall.EMPTY;
    }

    @Override
    public Optional<Memory> find(String id) {
        return Optional.empty();
    }

    @Override
    public boolean reinforce(String memoryId, boolean success, Instant at) {
        return false;
    }

    @Override
    public MemoryStats stats() {
        return new MemoryStats(0, 0, "", 0);
    }

    @Override
    public void close() {
        // holds nothing
    }
}
