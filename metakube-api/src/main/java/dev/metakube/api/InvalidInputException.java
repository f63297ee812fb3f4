package dev.metakube.api;

/**
 * The input is malformed or inconsistent. {@link #where()} names the place (a field, a file and line,
 * a scenario id) so that a person can fix it; the message says what was wrong.
 */
public class InvalidInputException extends MetaKubeException {
    private static final long serialVersionUID = 1L;
    private final String where;

    /**
     * @param where the place of the problem, such as {@code "incident.evidence[2].kind"} or
     *              {@code "scenarios.jsonl:14"}; empty when not known
     * @param message what was wrong, and what would be right
     */
    public InvalidInputException(String where, String message) {
        super(where == null || where.isEmpty() ? message : where + ": " + message);
        this.where = where == null ? "" : where;
    }

    public InvalidInputException(String where, String message, Throwable cause) {
        super(where == null || where.isEmpty() ? message : where + ": " + message, cause);
        this.where = where == null ? "" : where;
    }

    /** The place of the problem; empty when not known. */
    public String where() {
        return where;
    }
}
