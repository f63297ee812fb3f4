package dev.metakube.api;

/**
 * One thing tried while resolving an incident.
 *
 * @param action what was done, in words or as a command
 * @param worked whether it resolved the incident
 */
public record Attempt(String action, boolean worked) {
    public Attempt {
        action = Require.text(action, "attempt.action");
    }
}
