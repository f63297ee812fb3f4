package dev.metakube.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.Pathway;
import dev.metakube.api.StorageCorruptedException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a pathway's raw confidence into a calibrated probability that the diagnosis is right, learned online
 * from feedback, one map per pathway.
 *
 * <p>Each map is an isotonic regression (pool adjacent violators) over the last {@value #WINDOW} outcomes of
 * its pathway, interpolated linearly between block centres, so it keeps the order of raw confidences (the
 * router's decisions are unaffected) while matching observed frequencies. With few outcomes it leans on the raw
 * value: the result is {@code (n·iso(x) + m·x) / (n + m)} with {@code m = }{@value #PRIOR_WEIGHT}.
 *
 * <p>With a directory, the outcomes are kept in {@code dir/calibration.json}, rewritten atomically after each.
 * Thread-safe: {@link #calibrate} reads an immutable fitted map; {@link #learn} is serialized.
 */
public final class ConfidenceCalibration implements Calibrator {
    static final int WINDOW = 1_000;
    static final double PRIOR_WEIGHT = 10;
    private static final int FORMAT = 1;

    /** A fitted monotone map: block centres and their success rates, ascending; never mutated. */
    private record Fit(double[] xs, double[] ys, int n) {
        static final Fit NONE = new Fit(new double[0], new double[0], 0);

        double apply(double x) {
            if (n == 0) {
                return x;
            }
            double iso;
            int i = Arrays.binarySearch(xs, x);
            if (i >= 0) {
                iso = ys[i];
            } else {
                int hi = -i - 1;
                if (hi == 0) {
                    iso = ys[0];
                } else if (hi == xs.length) {
                    iso = ys[xs.length - 1];
                } else {
                    double t = (x - xs[hi - 1]) / (xs[hi] - xs[hi - 1]);
                    iso = ys[hi - 1] + t * (ys[hi] - ys[hi - 1]);
                }
            }
            double out = (n * iso + PRIOR_WEIGHT * x) / (n + PRIOR_WEIGHT);
            return Math.max(0, Math.min(1, out));
        }
    }

    /** The outcomes of one pathway, a ring buffer. */
    private static final class Samples {
        final double[] x = new double[WINDOW];
        final boolean[] y = new boolean[WINDOW];
        int size;
        int next;

        void add(double score, boolean right) {
            x[next] = score;
            y[next] = right;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        Fit fit() {
            int n = size;
            if (n == 0) {
                return Fit.NONE;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
            // Pool adjacent violators: blocks of (sum x, sum y, count). Outcomes at the same score form one block
            // from the start: their order is arbitrary, so they must not be told apart.
            double[] sx = new double[n];
            double[] sy = new double[n];
            int[] cnt = new int[n];
            int blocks = 0;
            double lastX = Double.NaN;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (x[i] == lastX) {
                    sx[blocks - 1] += x[i];
                    sy[blocks - 1] += y[i] ? 1 : 0;
                    cnt[blocks - 1]++;
                } else {
                    sx[blocks] = x[i];
                    sy[blocks] = y[i] ? 1 : 0;
                    cnt[blocks] = 1;
                    blocks++;
                }
                lastX = x[i];
                while (blocks > 1 && sy[blocks - 2] / cnt[blocks - 2] > sy[blocks - 1] / cnt[blocks - 1]) {
                    sx[blocks - 2] += sx[blocks - 1];
                    sy[blocks - 2] += sy[blocks - 1];
                    cnt[blocks - 2] += cnt[blocks - 1];
                    blocks--;
                }
            }
            double[] xs = new double[blocks];
            double[] ys = new double[blocks];
            int[] ns = new int[blocks];
            int m = 0;
            for (int b = 0; b < blocks; b++) {
                double cx = sx[b] / cnt[b];
                if (m > 0 && cx <= xs[m - 1]) {
                    // Equal centres cannot be interpolated between: pool into the previous point.
                    ys[m - 1] = (ys[m - 1] * ns[m - 1] + sy[b]) / (ns[m - 1] + cnt[b]);
                    ns[m - 1] += cnt[b];
                    continue;
                }
                xs[m] = cx;
                ys[m] = sy[b] / cnt[b];
                ns[m] = cnt[b];
                m++;
            }
            return new Fit(Arrays.copyOf(xs, m), Arrays.copyOf(ys, m), n);
        }
    }

    private final Path file;
    private final Map<Pathway, Samples> samples = new EnumMap<>(Pathway.class);
    private volatile Fit intuitive = Fit.NONE;
    private volatile Fit analytical = Fit.NONE;

    private ConfidenceCalibration(Path file) {
        this.file = file;
        for (Pathway p : Pathway.values()) {
            samples.put(p, new Samples());
        }
    }

    /** A calibration that keeps nothing on disk. */
    public static ConfidenceCalibration inMemory() {
        return new ConfidenceCalibration(null);
    }

    /**
     * A calibration kept in {@code dir/calibration.json}, restored from it when present.
     *
     * @throws StorageCorruptedException when the file exists but cannot be read
     */
    public static ConfidenceCalibration open(Path dir) {
        ConfidenceCalibration c = new ConfidenceCalibration(dir.resolve("calibration.json"));
        StateFiles.read(c.file).ifPresent(c::restore);
        return c;
    }

    /** The calibrated probability, in [0, 1], that a diagnosis of {@code pathway} with raw confidence {@code raw} is right. */
    @Override
    public double calibrate(Pathway pathway, double raw) {
        double x = Math.max(0, Math.min(1, raw));
        return (pathway == Pathway.INTUITIVE ? intuitive : analytical).apply(x);
    }

    /** Learns that a diagnosis of {@code pathway} with raw confidence {@code raw} was right or wrong. */
    @Override
    public synchronized void learn(Pathway pathway, double raw, boolean right) {
        samples.get(pathway).add(Math.max(0, Math.min(1, raw)), right);
        refit(pathway);
        if (file != null) {
            StateFiles.write(file, snapshot());
        }
    }

    /** Outcomes learned per pathway (at most the window). */
    @Override
    public synchronized Map<Pathway, Integer> samples() {
        Map<Pathway, Integer> out = new EnumMap<>(Pathway.class);
        samples.forEach((p, s) -> out.put(p, s.size));
        return out;
    }

    private void refit(Pathway pathway) {
        Fit f = samples.get(pathway).fit();
        if (pathway == Pathway.INTUITIVE) {
            intuitive = f;
        } else {
            analytical = f;
        }
    }

    private ObjectNode snapshot() {
        ObjectNode o = StateFiles.json().createObjectNode();
        o.put("format", FORMAT);
        for (Pathway p : Pathway.values()) {
            Samples s = samples.get(p);
            ArrayNode a = o.putArray(p.name().toLowerCase(java.util.Locale.ROOT));
            int start = s.size < WINDOW ? 0 : s.next;
            for (int k = 0; k < s.size; k++) {
                int i = (start + k) % WINDOW;
                a.addArray().add(s.x[i]).add(s.y[i] ? 1 : 0);
            }
        }
        return o;
    }

    private void restore(JsonNode o) {
        if (o.path("format").asInt() != FORMAT) {
            throw new StorageCorruptedException(file + " has format " + o.path("format") + ", expected " + FORMAT
                    + "; it was left untouched");
        }
        for (Pathway p : Pathway.values()) {
            for (JsonNode row : o.path(p.name().toLowerCase(java.util.Locale.ROOT))) {
                if (row.size() != 2 || !row.get(0).isNumber() || !Double.isFinite(row.get(0).asDouble())) {
                    throw new StorageCorruptedException(file + ": a " + p + " row is malformed: " + row
                            + "; it was left untouched");
                }
                samples.get(p).add(Math.max(0, Math.min(1, row.get(0).asDouble())), row.get(1).asInt() == 1);
            }
            refit(p);
        }
    }
}
