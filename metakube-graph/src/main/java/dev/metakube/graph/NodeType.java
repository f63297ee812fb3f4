package dev.metakube.graph;

/** What a KubeGraph node stands for: a Kubernetes object kind or component, or a piece of causal knowledge. */
enum NodeType {
    POD, CONTAINER, NODE, NAMESPACE, SERVICE, ENDPOINTS, DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET, JOB,
    HORIZONTAL_POD_AUTOSCALER, PERSISTENT_VOLUME_CLAIM, PERSISTENT_VOLUME, STORAGE_CLASS, CONFIG_MAP, SECRET,
    SERVICE_ACCOUNT, ROLE, INGRESS, INGRESS_CLASS, NETWORK_POLICY, RESOURCE_QUOTA, PRIORITY_CLASS, WEBHOOK, IMAGE,
    REGISTRY, KUBELET, CONTAINER_RUNTIME, CNI, DNS, ETCD, API_SERVER, KERNEL, OPERATOR, HELM_RELEASE, CERTIFICATE,
    /** An observable sign of a failure; carries the patterns that detect it. */
    SYMPTOM,
    /** A condition that produces symptoms; root causes are causes nothing else in the graph explains. */
    CAUSE,
    /** A fix of a cause. */
    REMEDIATION;

    /** Whether the node is a Kubernetes object kind or cluster component rather than knowledge. */
    boolean isObject() {
        return this != SYMPTOM && this != CAUSE && this != REMEDIATION;
    }
}
