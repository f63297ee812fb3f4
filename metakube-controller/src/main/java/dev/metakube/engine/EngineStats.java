package dev.metakube.engine;

import dev.metakube.spi.GraphStats;
import dev.metakube.spi.MemoryStats;
import dev.metakube.spi.RouterState;

/**
 * What an engine knows and has done.
 *
 * @param memory      the memory store's counts (zeros when memory is off)
 * @param graph       the causal graph's size
 * @param router      the router's threshold and weights
 * @param diagnoses   diagnoses made since the engine started
 * @param intuitive   of those, how many took the intuitive pathway
 * @param feedbacks   feedback accepted since the engine started
 * @param backends    the names of the backends in use: memory, graph, model, router, embedder
 */
public record EngineStats(MemoryStats memory, GraphStats graph, RouterState router, long diagnoses, long intuitive,
                          long feedbacks, String backends) {
}
