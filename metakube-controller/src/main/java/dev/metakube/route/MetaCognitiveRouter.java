package dev.metakube.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Pathway;
import dev.metakube.api.Query;
import dev.metakube.api.Recall;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.spi.RouteDecision;
import dev.metakube.spi.RouteOutcome;
import dev.metakube.spi.Router;
import dev.metakube.spi.RouterState;
import dev.metakube.spi.TrustFactors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta-cognitive router of the paper (section 3.3).
 *
 * <p><b>Trust score</b> (eq. 8): {@code C = Π f_j^v_j} over the best memory's similarity, recency, reliability
 * and context compatibility. The weights {@code v_j} (initially 1) are learned online by gradient descent on the
 * squared calibration error {@code (C − y)²} (eq. 18), where {@code y} says whether the fast answer (the
 * intuitive candidate, taken or not) turned out right; {@code ∂C/∂v_j = C·ln f_j}. Weights stay in [0, 4]
 * and each step is clipped, so one outcome moves them little.
 *
 * <p><b>Threshold</b> (eq. 10-11): τ follows the loss {@code ξ·Error + (1−ξ)·Latency}. A hard threshold has
 * no gradient, so the decision is relaxed to a sigmoid {@code p = σ((C − τ)/T)} (temperature {@value #TEMPERATURE})
 * and τ takes the gradient step of the expected loss {@code ξ·p·(1−y) + (1−ξ)·(1−p)·λ}, where λ is the share of
 * latency the fast pathway saves (tracked from outcomes). A correct fast answer near τ lowers τ, a wrong one
 * raises it. The smooth surrogate alone would settle where the marginal error is {@code (1−ξ)λ/ξ}, too lax for
 * an operator, so a <em>risk guard</em> bounds it: over the last outcomes, τ never sits below a trust-score
 * region whose error is proven above the target ε (one-sided 95% Wilson lower bound &gt; ε) and never above the
 * widest region whose error is proven within ε (upper bound ≤ ε): the largest coverage with a controlled error.
 * τ moves at most {@value #MAX_STEP} per outcome and stays in [{@value #TAU_MIN}, {@value #TAU_MAX}] under any
 * feedback sequence.
 *
 * <p>With a data directory the state (τ, weights, the recent outcomes) is kept in
 * {@code dataDir/router/state.json}, rewritten atomically after each outcome. Thread-safe: {@link #route}
 * reads an immutable snapshot without locking; {@link #learn} is serialized.
 */
final class MetaCognitiveRouter implements Router {
    private static final Logger LOG = LoggerFactory.getLogger(MetaCognitiveRouter.class);
    static final String[] FACTORS = {"similarity", "recency", "reliability", "context"};
    static final double TAU_MIN = 0.05;
    static final double TAU_MAX = 0.99;
    static final double MAX_STEP = 0.05;
    static final double TEMPERATURE = 0.05;
    static final double WEIGHT_MAX = 4;
    /** Factors are floored before the logarithm: a zero factor means "no support", not minus infinity. */
    private static final double FACTOR_FLOOR = 1e-4;
    /** Outcomes a region needs before the risk guard judges it. */
    static final int MIN_EVIDENCE = 30;
    /** The guard sorts the window: it is recomputed every few outcomes, it moves slowly anyway. */
    private static final int GUARD_EVERY = 8;
    private static final double LATENCY_EMA = 0.05;
    private static final int FORMAT = 1;

    /** What {@link #route} reads: never mutated after publication. */
    private record Params(double tau, double[] weights) {
    }

    private final double eta;
    private final double xi;
    private final double targetError;
    private final double weightRate;
    private final Path stateFile;
    private final AtomicLong decisions = new AtomicLong();
    private volatile Params params;

    // Guarded by this.
    private long learned;
    private double latencyIntuitive;
    private double latencyAnalytical;
    private long latencySamples;
    private final double[][] windowFactors;
    private final double[][] windowLogs;
    private final boolean[] windowRight;
    private int windowSize;
    private int windowNext;
    private double[] guardCache;

    MetaCognitiveRouter(MetaKubeConfig config) {
        this(RouterSettings.from(config));
    }

    MetaCognitiveRouter(RouterSettings settings) {
        this.eta = settings.metaLearningRate();
        this.xi = settings.errorWeight();
        this.targetError = settings.targetError();
        this.weightRate = settings.weightRate();
        int window = settings.window();
        this.windowFactors = new double[window][];
        this.windowLogs = new double[window][];
        this.windowRight = new boolean[window];
        this.stateFile = settings.stateFile();
        double[] w = new double[FACTORS.length];
        Arrays.fill(w, 1.0);
        this.params = new Params(clampTau(settings.initialThreshold()), w);
        if (stateFile != null) {
            StateFiles.read(stateFile).ifPresent(this::restore);
        }
    }


    @Override
    public RouteDecision route(Recall recall, TrustFactors f, Query query) {
        decisions.incrementAndGet();
        Params p = params;
        if (recall.memories().isEmpty()) {
            return new RouteDecision(Pathway.ANALYTICAL, 0, p.tau, null);
        }
        double c = trustScore(p.weights, f.similarity(), f.recency(), f.reliability(), f.contextCompatibility());
        return new RouteDecision(c > p.tau ? Pathway.INTUITIVE : Pathway.ANALYTICAL, c, p.tau, f);
    }

    @Override
    public double trustScore(TrustFactors f) {
        return trustScore(params.weights, f.similarity(), f.recency(), f.reliability(), f.contextCompatibility());
    }

    /** Eq. 8: {@code Π f_j^v_j}, computed as {@code exp(Σ v_j ln f_j)}. */
    static double trustScore(double[] v, double f0, double f1, double f2, double f3) {
        double s = v[0] * Math.log(Math.max(FACTOR_FLOOR, f0)) + v[1] * Math.log(Math.max(FACTOR_FLOOR, f1))
                + v[2] * Math.log(Math.max(FACTOR_FLOOR, f2)) + v[3] * Math.log(Math.max(FACTOR_FLOOR, f3));
        double c = Math.exp(s);
        return c > 1 ? 1 : c;
    }

    private static double trustScore(double[] v, double[] f) {
        return trustScore(v, f[0], f[1], f[2], f[3]);
    }

    @Override
    public void learn(RouteOutcome outcome) {
        RouteDecision d = outcome.decision();
        TrustFactors factors = d.factors();
        double[] f = {factors.similarity(), factors.recency(), factors.reliability(), factors.contextCompatibility()};
        synchronized (this) {
            learned++;
            trackLatency(d.pathway(), outcome.latencyNanos());
            boolean noMemory = d.trustScore() == 0 && f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 0;
            if (!noMemory) {
                double y = outcome.fastAnswerCorrect() ? 1 : 0;
                Params p = params;
                double[] v = p.weights.clone();
                double c = trustScore(v, f);
                // Eq. 18: d/dv_j (C − y)² = 2 (C − y) C ln f_j, clipped per step.
                for (int j = 0; j < v.length; j++) {
                    double g = 2 * (c - y) * c * Math.log(Math.max(FACTOR_FLOOR, f[j]));
                    g = Math.max(-1, Math.min(1, g));
                    v[j] = Math.max(0, Math.min(WEIGHT_MAX, v[j] - weightRate * g));
                }
                remember(f, outcome.fastAnswerCorrect());
                double tau = nextTau(p.tau, trustScore(v, f), y, v);
                params = new Params(tau, v);
            }
            if (stateFile != null) {
                StateFiles.write(stateFile, snapshot());
            }
        }
    }

    /** Eq. 10-11 on the smooth surrogate, then the risk guard, then the step and range bounds. */
    private double nextTau(double tau, double c, double y, double[] v) {
        double lambda = latencySaving();
        double p = 1 / (1 + Math.exp(-(c - tau) / TEMPERATURE));
        double dpdtau = -p * (1 - p) / TEMPERATURE;
        double dLdp = xi * (1 - y) - (1 - xi) * lambda;
        double proposed = tau - eta * dLdp * dpdtau;
        if (guardCache == null || learned % GUARD_EVERY == 0) {
            guardCache = guard(v);
        }
        double[] guard = guardCache;
        double floor = guard[0];
        double cap = Math.max(guard[1], floor);
        proposed = Math.max(floor, Math.min(cap, proposed));
        proposed = Math.max(tau - MAX_STEP, Math.min(tau + MAX_STEP, proposed));
        return clampTau(proposed);
    }

    /**
     * The risk guard over the recent outcomes, with the current weights: {floor, cap}. The floor is the
     * trust score of the highest-ranked region whose error is proven above ε (τ must stay at or above it); the
     * cap is the lowest τ whose covered region is proven within ε. Without evidence: {TAU_MIN, TAU_MAX}.
     */
    private double[] guard(double[] v) {
        int n = windowSize;
        if (n < MIN_EVIDENCE) {
            return new double[] {TAU_MIN, TAU_MAX};
        }
        double[] cs = new double[n];
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            double[] lf = windowLogs[i];
            cs[i] = Math.min(1, Math.exp(v[0] * lf[0] + v[1] * lf[1] + v[2] * lf[2] + v[3] * lf[3]));
            // Sort on primitives: the trust score in the high bits, the index in the low 20.
            order[i] = ((long) (cs[i] * (1L << 40)) << 20) | i;
        }
        Arrays.sort(order);
        double floor = TAU_MIN;
        double cap = TAU_MAX;
        boolean floorFound = false;
        int errors = 0;
        for (int k = 0; k < n; k++) {
            int i = index(order[n - 1 - k]);
            if (!windowRight[i]) {
                errors++;
            }
            int covered = k + 1;
            boolean boundary = k == n - 1 || cs[index(order[n - 2 - k])] < cs[i];
            if (!boundary || covered < MIN_EVIDENCE) {
                continue;
            }
            if (!floorFound && RiskBounds.lower(errors, covered) > targetError) {
                floor = cs[i];
                floorFound = true;
            }
            if (RiskBounds.upper(errors, covered) <= targetError) {
                // τ just below this trust score covers exactly these outcomes.
                double below = k == n - 1 ? cs[i] - 1e-6 : cs[index(order[n - 2 - k])];
                cap = Math.min(cap, below);
            }
        }
        return new double[] {clampTau(floor), clampTau(cap)};
    }

    private static int index(long key) {
        return (int) (key & ((1 << 20) - 1));
    }

    private void remember(double[] f, boolean right) {
        double[] lf = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            lf[j] = Math.log(Math.max(FACTOR_FLOOR, f[j]));
        }
        windowLogs[windowNext] = lf;
        windowFactors[windowNext] = f;
        windowRight[windowNext] = right;
        windowNext = (windowNext + 1) % windowFactors.length;
        windowSize = Math.min(windowSize + 1, windowFactors.length);
    }

    private void trackLatency(Pathway pathway, long nanos) {
        if (nanos <= 0) {
            return;
        }
        double ms = nanos / 1e6;
        latencySamples++;
        if (pathway == Pathway.INTUITIVE) {
            latencyIntuitive = latencyIntuitive == 0 ? ms : latencyIntuitive + LATENCY_EMA * (ms - latencyIntuitive);
        } else {
            latencyAnalytical = latencyAnalytical == 0 ? ms : latencyAnalytical + LATENCY_EMA * (ms - latencyAnalytical);
        }
    }

    /** λ: the share of the analytical latency the fast pathway saves, in [0.05, 1]; 0.5 until both are seen. */
    private double latencySaving() {
        if (latencyIntuitive == 0 || latencyAnalytical == 0) {
            return 0.5;
        }
        return Math.max(0.05, Math.min(1, (latencyAnalytical - latencyIntuitive) / latencyAnalytical));
    }

    private static double clampTau(double t) {
        return Math.max(TAU_MIN, Math.min(TAU_MAX, t));
    }

    @Override
    public RouterState state() {
        Params p = params;
        Map<String, Double> w = new LinkedHashMap<>();
        for (int j = 0; j < FACTORS.length; j++) {
            w.put(FACTORS[j], p.weights[j]);
        }
        long l;
        synchronized (this) {
            l = learned;
        }
        return new RouterState(p.tau, w, decisions.get(), l);
    }

    private ObjectNode snapshot() {
        ObjectNode o = StateFiles.json().createObjectNode();
        Params p = params;
        o.put("format", FORMAT);
        o.put("tau", p.tau);
        ObjectNode w = o.putObject("weights");
        for (int j = 0; j < FACTORS.length; j++) {
            w.put(FACTORS[j], p.weights[j]);
        }
        o.put("decisions", decisions.get());
        o.put("learned", learned);
        o.put("latencyIntuitiveMs", latencyIntuitive);
        o.put("latencyAnalyticalMs", latencyAnalytical);
        o.put("latencySamples", latencySamples);
        ArrayNode win = o.putArray("window");
        int start = windowSize < windowFactors.length ? 0 : windowNext;
        for (int k = 0; k < windowSize; k++) {
            int i = (start + k) % windowFactors.length;
            ArrayNode row = win.addArray();
            for (double x : windowFactors[i]) {
                row.add(x);
            }
            row.add(windowRight[i] ? 1 : 0);
        }
        return o;
    }

    private void restore(JsonNode o) {
        try {
            if (o.path("format").asInt() != FORMAT) {
                throw new StorageCorruptedException(stateFile + " has format " + o.path("format")
                        + ", expected " + FORMAT + "; it was left untouched");
            }
            double tau = finite(o.path("tau"), "tau");
            double[] w = new double[FACTORS.length];
            for (int j = 0; j < FACTORS.length; j++) {
                w[j] = finite(o.path("weights").path(FACTORS[j]), "weights." + FACTORS[j]);
                if (w[j] < 0 || w[j] > WEIGHT_MAX) {
                    throw new StorageCorruptedException(stateFile + ": weight " + FACTORS[j] + " out of range: " + w[j]);
                }
            }
            decisions.set(o.path("decisions").asLong());
            learned = o.path("learned").asLong();
            latencyIntuitive = Math.max(0, o.path("latencyIntuitiveMs").asDouble());
            latencyAnalytical = Math.max(0, o.path("latencyAnalyticalMs").asDouble());
            latencySamples = o.path("latencySamples").asLong();
            for (JsonNode row : o.path("window")) {
                if (row.size() != FACTORS.length + 1) {
                    throw new StorageCorruptedException(stateFile + ": a window row has " + row.size() + " values");
                }
                double[] f = new double[FACTORS.length];
                for (int j = 0; j < f.length; j++) {
                    f[j] = Math.max(0, Math.min(1, finite(row.get(j), "window")));
                }
                remember(f, row.get(FACTORS.length).asInt() == 1);
            }
            params = new Params(clampTau(tau), w);
            LOG.debug("router state restored from {}: τ={} weights={}", stateFile, tau, Arrays.toString(w));
        } catch (StorageCorruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageCorruptedException(stateFile + " could not be read: " + e.getMessage()
                    + "; it was left untouched", e);
        }
    }

    private double finite(JsonNode n, String field) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new StorageCorruptedException(stateFile + ": field '" + field + "' is missing or not a number");
        }
        return n.asDouble();
    }
}
