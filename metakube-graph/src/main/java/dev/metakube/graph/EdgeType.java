package dev.metakube.graph;

/** What a KubeGraph edge says; edges point from the explaining node to the explained one. */
enum EdgeType {
    /** cause → cause: the source condition produces the target one. */
    CAUSES,
    /** cause → symptom: the cause shows as the symptom. */
    MANIFESTS_AS,
    /** cause → remediation. */
    FIXED_BY,
    /** cause → object kind: the cause lives in or concerns that kind of object. */
    INVOLVES,
    /** object → object: the source needs the target to work (Pod depends on ConfigMap). */
    DEPENDS_ON,
    /** object → object: the source controller owns the target (Deployment manages ReplicaSet). */
    MANAGES,
    /** Pod → volume source (ConfigMap, Secret, PersistentVolumeClaim). */
    MOUNTS,
    /** Service, NetworkPolicy, PodDisruptionBudget → Pod: label selection. */
    SELECTS,
    /** Pod → Node: the scheduler places it there. */
    SCHEDULES_ON,
    /** Ingress → Service: traffic routing. */
    ROUTES_TO,
    /** RoleBinding-style grant: ServiceAccount → Role. */
    BINDS,
    /** Found together in a document, with no stated direction. */
    RELATED
}
