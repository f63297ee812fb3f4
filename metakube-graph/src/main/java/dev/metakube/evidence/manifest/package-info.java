/**
 * Manifests as evidence: {@link dev.metakube.evidence.manifest.ManifestParser} reads every YAML or JSON document
 * of a text (multi-document files, {@code kind: List}, {@code kubectl get -o yaml|json} output, manifests pasted
 * inside a shell session or heredoc, Helm output) into fabric8 Kubernetes objects, and one
 * {@link dev.metakube.evidence.manifest.ManifestCheck} per family of faults checks the objects against each
 * other, each fault a {@link dev.metakube.evidence.manifest.Finding} that names the objects and values involved.
 */
package dev.metakube.evidence.manifest;
