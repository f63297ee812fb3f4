/**
 * Secret redaction: what the engine applies to every incident and every piece of feedback before any backend
 * (analyzer, memory, embedder, model, graph) sees the text.
 */
package dev.metakube.redaction;
