/**
 * Evidence analysis: turns what an operator pastes (describe output, events, logs, status, alerts, manifests)
 * into signals, after bounding its size and redacting secrets. The symptom vocabulary comes from the causal
 * graph as {@link dev.metakube.evidence.DetectionRule}s; {@link dev.metakube.evidence.EvidenceAnalyzer} applies
 * them, reads exit codes, quantities and object names, and checks manifests against each other;
 * {@link dev.metakube.redaction.Redactor} (in metakube-api, shared with the engine) removes secrets. Every pattern runs in linear time.
 */
package dev.metakube.evidence;
