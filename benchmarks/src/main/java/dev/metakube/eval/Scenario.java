package dev.metakube.eval;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.Incident;
import java.time.Instant;
import java.util.List;

/**
 * One evaluation scenario: an incident and its ground truth (the scenario format of DESIGN.md).
 *
 * @param id                 unique id
 * @param category           the true category
 * @param symptoms           what the operator saw, in words
 * @param evidence           describe output, events, logs, manifests
 * @param context            where it happened
 * @param rootCause          the true root cause
 * @param rootCauseKeywords  words a correct root-cause statement contains
 * @param fixKeywords        words a correct fix contains
 * @param causalChain        the true chain, when known
 * @param fix                the true fix, when known
 * @param fault              the id of the underlying fault (the same fault recurs in different dress)
 * @param source             where the scenario comes from ({@code starter}, {@code generated}...)
 */
public record Scenario(String id, Category category, String symptoms, List<Evidence> evidence, ClusterContext context,
                       String rootCause, List<String> rootCauseKeywords, List<String> fixKeywords,
                       List<String> causalChain, String fix, String fault, String source) {
    public Scenario {
        evidence = List.copyOf(evidence);
        rootCauseKeywords = List.copyOf(rootCauseKeywords);
        fixKeywords = List.copyOf(fixKeywords);
        causalChain = List.copyOf(causalChain);
        fix = fix == null ? "" : fix;
        fault = fault == null ? "" : fault;
        source = source == null ? "" : source;
    }

    /** The incident an operator would hand to MetaKube: no ground truth in it. */
    public Incident incident(Instant at) {
        return new Incident(id, symptoms, evidence, context, at);
    }

    /** The resolution to teach in learning mode: the fix if given, else its keywords. */
    public String resolution() {
        return fix.isBlank() ? String.join(", ", fixKeywords) : fix;
    }
}
