package dev.metakube.graph;

/** Where a node or edge came from. */
enum Provenance {
    /** The curated base shipped with MetaKube. */
    CURATED,
    /** Added or changed by operator feedback. */
    LEARNED,
    /** Extracted from an ingested document. */
    DOCUMENT
}
