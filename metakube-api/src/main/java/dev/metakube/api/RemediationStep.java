package dev.metakube.api;

/**
 * One remediation step.
 *
 * @param action      what to do, in words
 * @param command     the command that does it (usually {@code kubectl ...}); empty when there is none
 * @param destructive whether it deletes, drains, evicts or forces something: a person should look first
 */
public record RemediationStep(String action, String command, boolean destructive) {
    public RemediationStep {
        action = Require.text(action, "remediation.action");
        command = Require.orEmpty(command);
    }
}
