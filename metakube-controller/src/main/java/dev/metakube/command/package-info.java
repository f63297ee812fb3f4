/**
 * Checks the {@code kubectl} commands of a remediation: each invocation is parsed (shell quoting, pipes and
 * command lists), its verb, resource kind and flags are checked against what {@code kubectl} accepts, and
 * destructive ones (deleting namespaces or volumes, draining, forcing) are flagged for a person to look at first.
 */
package dev.metakube.command;
