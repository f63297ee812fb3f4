package dev.metakube.llm.generate;

/** Lets another thread stop a generation between two tokens. Thread-safe. */
public final class Cancellation {
    private volatile boolean cancelled;

    /** Asks the generation to stop after the token in progress. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
