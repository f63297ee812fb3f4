package dev.metakube.eval;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on standard error: done/total, rate and time left, redrawn in place at most ten times
 * a second. It draws only when the process is attached to a terminal, so logs and pipes stay clean.
 */
public final class ProgressBar implements IntConsumer {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final long start = System.nanoTime();
    private String label;
    private int offset;
    private long lastDraw;

    private ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = Math.max(1, total);
        this.label = "";
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
            p.label = label;
            p.offset = stepsBefore;
        }
        return bar;
    }

    @Override
    public void accept(int doneInStage) {
        int done = Math.min(total, offset + doneInStage);
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - start) / 1e9;
        double rate = done / Math.max(1e-9, secs);
        double left = rate > 0 ? (total - done) / rate : 0;
        int filled = (int) Math.round((double) WIDTH * done / total);
        err.print(String.format(Locale.ROOT, "\r%-22s [%s%s] %d/%d %5.1f%% %6.1f/s ETA %s  ",
                label.length() > 22 ? label.substring(0, 22) : label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, 100.0 * done / total, rate, clock(left)));
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
