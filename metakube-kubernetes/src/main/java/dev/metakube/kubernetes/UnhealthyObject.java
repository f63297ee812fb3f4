package dev.metakube.kubernetes;

/**
 * An object a scan found unhealthy.
 *
 * @param ref     the object to diagnose (for a workload's Pods: the first unhealthy Pod)
 * @param owner   the workload it belongs to ({@code deployment/web}), or empty
 * @param problem what is wrong, in a few words ({@code container api CrashLoopBackOff}, {@code 0/3 replicas ready})
 */
public record UnhealthyObject(ObjectRef ref, String owner, String problem) {
    public UnhealthyObject {
        owner = owner == null ? "" : owner;
        problem = problem == null ? "" : problem;
    }
}
