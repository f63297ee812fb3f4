package dev.metakube.llm.generate;

/** Why a generation ended. */
public enum StopReason {
    /** an end-of-sequence id was produced */
    EOS,
    /** a stop string appeared in the text */
    STOP_STRING,
    /** the token limit was reached */
    MAX_TOKENS,
    /** the context (cache capacity) was full */
    CONTEXT,
    /** {@link Cancellation#cancel()} was called */
    CANCELLED
}
