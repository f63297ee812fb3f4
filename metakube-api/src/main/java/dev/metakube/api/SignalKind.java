package dev.metakube.api;

/** What kind of observation a {@link Signal} is. */
public enum SignalKind {
    /** A Kubernetes reason such as {@code OOMKilled}, {@code FailedScheduling}. */
    REASON,
    /** A container exit code. */
    EXIT_CODE,
    /** A characteristic error phrase in logs or events ({@code x509: certificate has expired}). */
    ERROR_PHRASE,
    /** A node condition ({@code MemoryPressure}, {@code NotReady}...). */
    NODE_CONDITION,
    /** A failing liveness, readiness or startup probe. */
    PROBE,
    /** A quantity worth reasoning about (a limit, a usage, a count). */
    QUANTITY,
    /** An inconsistency found by checking manifests against each other. */
    MANIFEST_FINDING,
    /** A named object involved in the incident. */
    OBJECT
}
