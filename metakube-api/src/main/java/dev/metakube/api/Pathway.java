package dev.metakube.api;

/** The two pathways of the meta-cognitive controller (paper 3.2). */
public enum Pathway {
    /** Fast: memory retrieval, then synthesis from the best memories (eq. 1-3). */
    INTUITIVE,
    /** Deep: retrieval, memory-biased causal graph search, then synthesis with the chains (eq. 4-5). */
    ANALYTICAL
}
