package dev.metakube.evidence.manifest;

import java.util.List;
import java.util.Set;

/**
 * One family of checks over a set of Kubernetes objects. Implementations are stateless and thread-safe, and
 * their cost is at most quadratic in the number of objects (200 manifests take well under a millisecond).
 */
public interface ManifestCheck {
    /** The symptom keys this check can produce; each one is declared in the causal graph. */
    Set<String> keys();

    /** The faults of {@code set}, in a stable order. */
    List<Finding> check(ManifestSet set);
}
