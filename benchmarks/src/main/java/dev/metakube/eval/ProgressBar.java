package dev.metakube.eval;

import java.io.PrintWriter;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A one-line progress bar ({@code me.tongfei:progressbar}) on standard error: percentage, done/total, rate,
 * elapsed time and time left, with the current stage as its message, redrawn in place ten times a second. It
 * draws only when the process is attached to a terminal, so logs and pipes stay clean.
 */
public final class ProgressBar implements IntConsumer {
    private final me.tongfei.progressbar.ProgressBar bar;
    private final PrintWriter err;
    private final int total;
    private int offset;
    private boolean closed;

    private ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = Math.max(1, total);
        this.bar = new ProgressBarBuilder().setTaskName("metakube").setInitialMax(this.total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).showSpeed()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    synchronized (err) {
                        err.print('\r');
                        err.print(line);
                        err.flush();
                    }
                }, 100))
                .build();
    }

    /** A bar over {@code total} steps when a terminal is attached; otherwise one that prints nothing. */
    public static IntConsumer onTerminal(PrintWriter err, int total) {
        return System.console() != null ? new ProgressBar(err, total) : done -> { };
    }

    /** A bar that always draws (tests, or callers that know better). */
    static ProgressBar always(PrintWriter err, int total) {
        return new ProgressBar(err, total);
    }

    /**
     * Starts a stage: steps reported from now on count from {@code stepsBefore}, shown under {@code label}.
     * Returns a consumer for the stage's own counts.
     */
    public static IntConsumer stage(IntConsumer bar, String label, int stepsBefore) {
        if (bar instanceof ProgressBar p) {
            p.offset = stepsBefore;
            p.bar.setExtraMessage(label);
        }
        return bar;
    }

    @Override
    public synchronized void accept(int doneInStage) {
        if (closed) {
            return;
        }
        int done = Math.min(total, offset + doneInStage);
        bar.stepTo(done);
        if (done == total) {
            closed = true;
            bar.close(); // draws the final state and stops the redrawing thread
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }
}
