package dev.metakube.api;

/**
 * A candidate root cause considered during diagnosis.
 *
 * @param category  its category
 * @param rootCause the cause, one statement
 * @param score     how strongly it is supported, in [0, 1]
 * @param source    where it came from: a memory id, a graph cause id, or {@code "model"}
 */
public record Hypothesis(Category category, String rootCause, double score, String source) {
    public Hypothesis {
        category = Require.nonNull(category, "hypothesis.category");
        rootCause = Require.text(rootCause, "hypothesis.rootCause");
        score = Require.unit(score, "hypothesis.score");
        source = Require.orEmpty(source);
    }
}
