package dev.metakube.spi;

import dev.metakube.api.Category;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.RemediationStep;
import java.util.List;

/**
 * A model's answer, before the engine adds identity, provenance and timings.
 *
 * @param category    the category
 * @param rootCause   the root cause, one statement, at most 300 characters
 * @param causalChain the chain from cause to symptom as readable steps
 * @param remediation steps to fix it
 * @param prevention  how to prevent recurrence
 * @param hypotheses  candidates considered, best first (the chosen one first)
 * @param confidence  the model's own confidence in [0, 1]; the engine may calibrate it
 * @param notes       remarks for a person (truncations, repairs)
 */
public record ModelAnswer(Category category, String rootCause, List<String> causalChain,
                          List<RemediationStep> remediation, List<String> prevention, List<Hypothesis> hypotheses,
                          double confidence, List<String> notes) {
    /** The longest root cause statement accepted. */
    public static final int MAX_ROOT_CAUSE = 300;

    public ModelAnswer {
        if (category == null) {
            throw new InvalidInputException("answer.category", "must be given");
        }
        if (rootCause == null || rootCause.isBlank()) {
            throw new InvalidInputException("answer.rootCause", "must not be empty");
        }
        if (rootCause.length() > MAX_ROOT_CAUSE) {
            throw new InvalidInputException("answer.rootCause", "longer than " + MAX_ROOT_CAUSE + " characters");
        }
        causalChain = causalChain == null ? List.of() : List.copyOf(causalChain);
        remediation = remediation == null ? List.of() : List.copyOf(remediation);
        prevention = prevention == null ? List.of() : List.copyOf(prevention);
        hypotheses = hypotheses == null ? List.of() : List.copyOf(hypotheses);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidInputException("answer.confidence", "must be in [0, 1], was " + confidence);
        }
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * A root cause cut to {@link #MAX_ROOT_CAUSE} characters, an ellipsis marking the cut; shorter ones unchanged.
     * The one way every part shortens a cause (a memory's, a model's, the template's).
     */
    public static String clipRootCause(String rootCause) {
        return rootCause.length() <= MAX_ROOT_CAUSE ? rootCause
                : rootCause.substring(0, MAX_ROOT_CAUSE - 1) + "…";
    }
}
