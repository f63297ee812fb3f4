/**
 * A deterministic generator of KubeFault-style evaluation scenarios (paper appendix A.1).
 *
 * <p>Each scenario is one fault from a catalogue of fault templates, dressed in a fresh set of names,
 * namespaces, images, nodes and numbers, with realistic evidence ({@code kubectl describe}, events, logs,
 * manifests) that carries noise and distractors. The same fault recurs in different dress so that an engine
 * which learns can be seen to learn. The fault templates live in the resources of this package, one YAML
 * file per category.
 */
package dev.metakube.scenario;
