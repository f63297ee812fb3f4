package dev.metakube.api;

/**
 * One piece of what an operator sees.
 *
 * @param kind   how to read the text
 * @param source where it came from (e.g. {@code "kubectl describe pod api-7d9"}); may be empty
 * @param text   the raw text; never null, may be long (analysis bounds what it reads and says so)
 */
public record Evidence(EvidenceKind kind, String source, String text) {
    public Evidence {
        kind = kind == null ? EvidenceKind.TEXT : kind;
        source = Require.orEmpty(source);
        text = Require.nonNull(text, "evidence.text");
    }

    /** Free text evidence of unknown kind. */
    public static Evidence text(String text) {
        return new Evidence(EvidenceKind.TEXT, "", text);
    }
}
