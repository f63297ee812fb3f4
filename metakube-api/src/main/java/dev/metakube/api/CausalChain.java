package dev.metakube.api;

import java.util.List;

/**
 * A path through the causal graph from observed symptoms to a root cause, with its remediation.
 *
 * @param causeId     the graph id of the root cause node
 * @param category    the root cause's category
 * @param rootCause   the root cause, one statement
 * @param path        the chain as readable steps, symptom first, root cause last
 * @param confirm     commands that confirm the cause ({@code kubectl ...})
 * @param remediation how to fix it
 * @param prevention  how to keep it from happening again
 * @param score       the search priority that ranked it (higher is better), in [0, 1]
 * @param evidence    the signal keys or excerpts that support it
 */
public record CausalChain(String causeId, Category category, String rootCause, List<String> path,
                          List<String> confirm, List<RemediationStep> remediation, List<String> prevention,
                          double score, List<String> evidence) {
    public CausalChain {
        causeId = Require.text(causeId, "chain.causeId");
        category = Require.nonNull(category, "chain.category");
        rootCause = Require.text(rootCause, "chain.rootCause");
        path = Require.list(path, "chain.path");
        confirm = Require.list(confirm, "chain.confirm");
        remediation = Require.list(remediation, "chain.remediation");
        prevention = Require.list(prevention, "chain.prevention");
        score = Require.unit(score, "chain.score");
        evidence = Require.list(evidence, "chain.evidence");
    }
}
