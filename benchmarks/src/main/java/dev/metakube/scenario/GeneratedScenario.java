package dev.metakube.scenario;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import java.util.List;
import java.util.Objects;

/**
 * One generated evaluation scenario with its ground truth.
 *
 * @param id                 unique within a generated set, e.g. {@code "gen-00042"}
 * @param category           the true category
 * @param symptoms           what an operator would say; never names the root cause
 * @param context            where it happened
 * @param evidence           describe output, events, logs, manifests, status tables
 * @param rootCause          the true root cause, one statement
 * @param rootCauseKeywords  terms a correct root cause statement contains
 * @param fixKeywords        terms a correct remediation contains
 * @param causalChain        from the cause to the symptom
 * @param fix                what resolves it
 * @param fault              the stable id of the underlying fault, shared by every scenario of that fault
 */
public record GeneratedScenario(String id, Category category, String symptoms, ClusterContext context,
                                List<Evidence> evidence, String rootCause, List<String> rootCauseKeywords,
                                List<String> fixKeywords, List<String> causalChain, String fix, String fault) {
    public GeneratedScenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(symptoms, "symptoms");
        Objects.requireNonNull(context, "context");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(rootCause, "rootCause");
        rootCauseKeywords = List.copyOf(rootCauseKeywords);
        fixKeywords = List.copyOf(fixKeywords);
        causalChain = List.copyOf(causalChain);
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(fault, "fault");
    }
}
