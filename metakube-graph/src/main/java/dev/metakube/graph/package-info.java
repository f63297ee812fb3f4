/**
 * KubeGraph, the causal knowledge graph of Kubernetes failures (paper sections 3.2.2 and 4.3, appendix D), the
 * default {@link dev.metakube.spi.CausalGraph}.
 *
 * <h2>Schema</h2>
 * Nodes are typed: Kubernetes object kinds and cluster components (Pod, Container, Node, Service, Deployment,
 * PersistentVolumeClaim, ConfigMap, Secret, Ingress, NetworkPolicy, Image, Registry, Kubelet, ContainerRuntime,
 * CNI, CoreDNS, Etcd, APIServer, Kernel...), and knowledge: <b>Symptom</b> (an observable sign, with the phrases
 * and patterns that detect it in text), <b>Cause</b> (a condition with its category, focus area, confirm
 * commands, remediation and prevention) and <b>Remediation</b>. Edges are typed and point from the explaining
 * node to the explained one:
 * <ul>
 *   <li>{@code causes} cause → cause, {@code manifests_as} cause → symptom, {@code fixed_by} cause →
 *       remediation, {@code involves} cause → object kind;</li>
 *   <li>between object kinds: {@code manages}, {@code depends_on}, {@code mounts}, {@code selects},
 *       {@code schedules_on}, {@code routes_to}, {@code binds};</li>
 *   <li>{@code related}: found together in a document.</li>
 * </ul>
 * Every edge carries a weight in [0, 1], a confidence (the Laplace-smoothed share of confirmations by feedback)
 * and its provenance: curated (shipped), learned from feedback, or extracted from a document.
 *
 * <h2>Curated graph</h2>
 * Shipped as the resource {@code dev/metakube/graph/kubegraph.yaml}: every focus area of the paper's Table 3 in
 * the six categories, each with several causes.
 *
 * <h2>Search</h2>
 * A memory-biased priority search of at most {@code maxHops} hops (paper eq. 5, 16):
 * {@code α1·prior + α2·path score + α3·novelty}; see {@code CausalSearch}.
 *
 * <h2>Learning and persistence</h2>
 * Confirmed feedback strengthens the edges from the incident's symptoms to the confirmed cause and can add a
 * cause, a symptom or a remediation the graph lacked; refuted feedback weakens the used cause's edges. What was
 * learned is kept apart from the curated base in {@code <dataDir>/graph/learned.json}, written atomically.
 *
 * <h2>Ingestion</h2>
 * {@link dev.metakube.graph.GraphIngestion} extracts symptoms, causes and commands from Markdown or text
 * documents with a pattern-based extractor and groups the graph into communities by label propagation.
 */
package dev.metakube.graph;
