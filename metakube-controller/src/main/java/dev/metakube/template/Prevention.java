package dev.metakube.template;

import dev.metakube.api.Category;
import java.util.List;

/** Standing prevention advice per category, used when the source of a diagnosis gives none. */
final class Prevention {
    private Prevention() {
    }

    static List<String> forCategory(Category category) {
        switch (category) {
            case RESOURCE:
                return List.of("Set requests and limits from observed peak usage and review them after each release",
                        "Alert on memory working set and CPU throttling before limits are reached");
            case NETWORK:
                return List.of("Test Service selectors, DNS names and NetworkPolicies in CI against the rendered manifests",
                        "Monitor endpoint counts and DNS error rates per namespace");
            case SCHEDULING:
                return List.of("Keep node labels, taints and workload affinities under one reviewed source",
                        "Alert on pods pending longer than a few minutes and on cluster capacity headroom");
            case IMAGE:
                return List.of("Pin images by digest, mirror them to a registry you control, and check pull secrets in CI",
                        "Build multi-arch images when node pools mix architectures");
            case CONFIGURATION:
                return List.of("Validate manifests and Helm values against the cluster's objects before applying them",
                        "Grant RBAC from least privilege and test it with kubectl auth can-i in CI");
            case SYSTEM:
            default:
                return List.of("Monitor node conditions, certificate expiry dates and etcd health with alerts",
                        "Keep node images and container runtimes patched and rotated regularly");
        }
    }
}
