package dev.metakube.memory.pattern;

import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Episode;
import dev.metakube.api.Outcome;
import dev.metakube.api.Pattern;
import dev.metakube.memory.index.Neighbours;
import dev.metakube.memory.index.VectorIndex;
import dev.metakube.memory.index.Vectors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The patterns of an episodic memory, formed incrementally (paper Algorithm 1, eq. 12).
 *
 * <p>When an episode arrives: if its vector's cosine to the nearest active pattern centroid is at least θ_sim it
 * joins that pattern; otherwise the recent unassigned episodes (the last {@code poolSize} ordinals) with cosine
 * at least θ_sim to it are gathered, and if with it they number at least θ_pattern they become a new pattern.
 * Each pattern keeps the sum of its members' unit vectors (centroid and variance
 * {@code mean ‖x − c‖² = 1 − ‖c‖²}), the counts behind its majority category and root cause, its canonical
 * strategy (the resolution that worked most often; cause and strategy abstracted over the members' templates by
 * {@code TemplateAbstraction}) and a Beta(α, β) posterior of outcomes whose evidence decays
 * towards the prior with age ({@code exp(−Δt/τ_r)}). Contradicting evidence lowers the posterior; a pattern whose
 * posterior mean falls below {@value #DEMOTE_BELOW} with at least {@value #DEMOTE_EVIDENCE} outcomes of
 * evidence is demoted (kept, findable, but not recalled) until it recovers above {@value #PROMOTE_ABOVE}.
 *
 * <p>Cost per episode: one pass over the active centroids plus one exact scan of at most {@code poolSize}
 * vectors. Not thread-safe: the store calls it under its write lock (reads under its read lock).
 */
public final class PatternBook {
    static final double DEMOTE_BELOW = 0.4;
    static final double PROMOTE_ABOVE = 0.5;
    static final double DEMOTE_EVIDENCE = 3;

    private final int dimension;
    private final float thetaSim;
    private final int minMembers;
    private final int poolSize;
    private final double tauMillis;
    private final List<State> patterns = new ArrayList<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private int[] patternOf = new int[1024];
    private int observed;

    /**
     * @param thetaSim   θ_sim, cosine for joining a pattern
     * @param minMembers θ_pattern, members a new pattern needs
     * @param poolSize   how many of the most recent episodes are candidates for a new pattern
     * @param recency    τ_r, the time scale of evidence decay
     */
    public PatternBook(int dimension, double thetaSim, int minMembers, int poolSize, Duration recency) {
        this.dimension = dimension;
        this.thetaSim = (float) thetaSim;
        this.minMembers = minMembers;
        this.poolSize = poolSize;
        this.tauMillis = recency.toMillis();
        Arrays.fill(patternOf, -1);
    }

    /** A pattern's mutable state. */
    static final class State {
        final String id;
        final double[] sum;
        float[] centroid;
        final List<Integer> members = new ArrayList<>();
        final Map<Category, Double> categories = new LinkedHashMap<>();
        final Map<String, Double> causes = new LinkedHashMap<>();
        final Map<String, Double> strategies = new LinkedHashMap<>();
        final Map<String, Double> signals = new LinkedHashMap<>();
        final Map<String, Double> namespaces = new LinkedHashMap<>();
        final Map<String, Double> kinds = new LinkedHashMap<>();
        final Map<String, Double> versions = new LinkedHashMap<>();
        double alpha = 1;
        double beta = 1;
        Instant updated;
        boolean demoted;

        State(String id, int dimension, Instant updated) {
            this.id = id;
            this.sum = new double[dimension];
            this.updated = updated;
        }
    }

    /** How many patterns exist (active and demoted). */
    public int size() {
        return patterns.size();
    }

    /** The pattern index the episode at {@code ordinal} belongs to, or −1. */
    public int patternOf(int ordinal) {
        return ordinal < observed ? patternOf[ordinal] : -1;
    }

    /** The index of the pattern with this id, or −1. */
    public int indexOf(String id) {
        Integer i = byId.get(id);
        return i == null ? -1 : i;
    }

    /**
     * Takes in the episode just stored at {@code ordinal} (ordinals arrive in order).
     *
     * @param episodes the stored episodes by ordinal
     * @return the index of the pattern it joined or formed, or −1
     */
    public int observe(int ordinal, float[] v, Episode e, VectorIndex index, IntFunction<Episode> episodes) {
        if (ordinal != observed) {
            throw new IllegalStateException("episode " + ordinal + " observed out of order (expected " + observed + ")");
        }
        if (ordinal == patternOf.length) {
            int old = patternOf.length;
            patternOf = Arrays.copyOf(patternOf, old * 2);
            Arrays.fill(patternOf, old, patternOf.length, -1);
        }
        observed++;
        int best = -1;
        float bestCos = thetaSim;
        for (int p = 0; p < patterns.size(); p++) {
            State s = patterns.get(p);
            float c = Vectors.dot(s.centroid, v);
            if (c >= bestCos) {
                best = p;
                bestCos = c;
            }
        }
        if (best >= 0) {
            join(patterns.get(best), best, ordinal, v, e);
            return best;
        }
        Neighbours near = index.above(v, Math.max(0, ordinal - poolSize), ordinal, thetaSim);
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < near.size(); i++) {
            if (patternOf[near.ordinals()[i]] == -1) {
                free.add(near.ordinals()[i]);
            }
        }
        if (free.size() + 1 < minMembers) {
            return -1;
        }
        int p = patterns.size();
        State s = new State("pattern-" + (p + 1), dimension, e.time());
        patterns.add(s);
        byId.put(s.id, p);
        for (int member : free) {
            join(s, p, member, index.vector(member), episodes.apply(member));
        }
        join(s, p, ordinal, v, e);
        return p;
    }

    private void join(State s, int p, int ordinal, float[] v, Episode e) {
        patternOf[ordinal] = p;
        s.members.add(ordinal);
        for (int d = 0; d < dimension; d++) {
            s.sum[d] += v[d];
        }
        s.centroid = normalised(s.sum);
        s.categories.merge(e.category(), 1.0, Double::sum);
        s.causes.merge(e.rootCause(), 1.0, Double::sum);
        double worked = e.outcome() == Outcome.RESOLVED ? 1 : e.outcome() == Outcome.MITIGATED ? 0.5 : 0;
        if (!e.resolution().isEmpty() && worked > 0) {
            s.strategies.merge(e.resolution(), worked, Double::sum);
        }
        for (Attempt a : e.attempts()) {
            if (a.worked() && !a.action().equals(e.resolution())) {
                s.strategies.merge(a.action(), 1.0, Double::sum);
            }
        }
        for (String key : e.signalKeys()) {
            s.signals.merge(key, 1.0, Double::sum);
        }
        ClusterContext c = e.context();
        if (!c.namespace().isEmpty()) {
            s.namespaces.merge(c.namespace(), 1.0, Double::sum);
        }
        if (!c.kind().isEmpty()) {
            s.kinds.merge(c.kind(), 1.0, Double::sum);
        }
        if (!c.kubernetesVersion().isEmpty()) {
            s.versions.merge(c.kubernetesVersion(), 1.0, Double::sum);
        }
        evidence(s, worked, 1 - worked, e.time());
    }

    /** Feedback on reusing a pattern (or one of its episodes): success raises α, failure raises β. */
    public void reinforce(int p, boolean success, Instant at) {
        State s = patterns.get(p);
        evidence(s, success ? 1 : 0, success ? 0 : 1, at);
    }

    private void evidence(State s, double successes, double failures, Instant at) {
        decay(s, at);
        s.alpha += successes;
        s.beta += failures;
        double mean = s.alpha / (s.alpha + s.beta);
        double weight = s.alpha + s.beta - 2;
        if (!s.demoted && mean < DEMOTE_BELOW && weight >= DEMOTE_EVIDENCE) {
            s.demoted = true;
        } else if (s.demoted && mean > PROMOTE_ABOVE) {
            s.demoted = false;
        }
    }

    private void decay(State s, Instant at) {
        if (at.isAfter(s.updated)) {
            double d = Math.exp(-(at.toEpochMilli() - s.updated.toEpochMilli()) / tauMillis);
            s.alpha = 1 + (s.alpha - 1) * d;
            s.beta = 1 + (s.beta - 1) * d;
            s.updated = at;
        }
    }

    /** The reliability of pattern {@code p} seen at {@code at}: its posterior mean with the evidence decayed. */
    public double reliability(int p, Instant at) {
        State s = patterns.get(p);
        double d = at.isAfter(s.updated) ? Math.exp(-(at.toEpochMilli() - s.updated.toEpochMilli()) / tauMillis) : 1;
        double a = 1 + (s.alpha - 1) * d;
        double b = 1 + (s.beta - 1) * d;
        return a / (a + b);
    }

    /** Whether pattern {@code p} is demoted (kept but not recalled). */
    public boolean demoted(int p) {
        return patterns.get(p).demoted;
    }

    /** The unit centroid of pattern {@code p}. */
    public float[] centroid(int p) {
        return patterns.get(p).centroid;
    }

    /** When pattern {@code p} last changed. */
    public Instant updated(int p) {
        return patterns.get(p).updated;
    }

    /** The ordinals of pattern {@code p}'s members, in the order they joined. */
    public List<Integer> members(int p) {
        return List.copyOf(patterns.get(p).members);
    }

    /** The majority context of pattern {@code p}'s members (namespace, kind, version). */
    public ClusterContext context(int p) {
        State s = patterns.get(p);
        return new ClusterContext(majority(s.namespaces, ""), majority(s.kinds, ""), "", majority(s.versions, ""),
                Map.of());
    }

    /** Pattern {@code p} as the API sees it. */
    public Pattern view(int p) {
        State s = patterns.get(p);
        int n = s.members.size();
        List<String> keys = new ArrayList<>();
        s.signals.entrySet().stream().filter(en -> en.getValue() * 2 >= n)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> keys.add(en.getKey()));
        double norm2 = 0;
        for (double x : s.sum) {
            norm2 += x * x;
        }
        double variance = Math.max(0, 1 - norm2 / ((double) n * n));
        // the canonical cause and strategy abstract over the members' templates: what differs between them is the
        // instance, a slot
        String cause = TemplateAbstraction.over(majority(s.causes, "unknown"), s.causes);
        String strategy = TemplateAbstraction.over(majority(s.strategies, ""), s.strategies);
        return new Pattern(s.id, majority(s.categories, Category.SYSTEM), cause, strategy, keys, n, variance,
                s.alpha / (s.alpha + s.beta), s.updated);
    }

    /** The key with the highest count; ties go to the smallest key, so the choice is deterministic. */
    private static <K extends Comparable<K>> K majority(Map<K, Double> counts, K none) {
        K best = null;
        double bestCount = Double.NEGATIVE_INFINITY;
        for (Map.Entry<K, Double> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? none : best;
    }

    /** Active (not demoted) patterns with their cosine to {@code q}: the top {@code k}. */
    public int[] nearest(float[] q, int k, float[] cosOut) {
        int n = patterns.size();
        Integer[] order = new Integer[n];
        float[] cos = new float[n];
        int m = 0;
        for (int p = 0; p < n; p++) {
            State s = patterns.get(p);
            if (!s.demoted) {
                cos[p] = Vectors.dot(s.centroid, q);
                order[m++] = p;
            }
        }
        Integer[] active = Arrays.copyOf(order, m);
        Arrays.sort(active, (a, b) -> Float.compare(cos[b], cos[a]));
        int take = Math.min(k, m);
        int[] out = new int[take];
        for (int i = 0; i < take; i++) {
            out[i] = active[i];
            cosOut[i] = cos[active[i]];
        }
        return out;
    }


    private static float[] normalised(double[] sum) {
        double norm = 0;
        for (double x : sum) {
            norm += x * x;
        }
        float[] c = new float[sum.length];
        double inv = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < sum.length; i++) {
            c[i] = (float) (sum[i] * inv);
        }
        return c;
    }

    // ---- snapshot ------------------------------------------------------------------------------------------

    /** Writes every pattern's state. */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(observed);
        out.writeInt(patterns.size());
        for (State s : patterns) {
            out.writeUTF(s.id);
            for (double x : s.sum) {
                out.writeDouble(x);
            }
            out.writeInt(s.members.size());
            for (int m : s.members) {
                out.writeInt(m);
            }
            writeCounts(out, s.categories, Category::name);
            writeCounts(out, s.causes, k -> k);
            writeCounts(out, s.strategies, k -> k);
            writeCounts(out, s.signals, k -> k);
            writeCounts(out, s.namespaces, k -> k);
            writeCounts(out, s.kinds, k -> k);
            writeCounts(out, s.versions, k -> k);
            out.writeDouble(s.alpha);
            out.writeDouble(s.beta);
            out.writeLong(s.updated.getEpochSecond());
            out.writeInt(s.updated.getNano());
            out.writeBoolean(s.demoted);
        }
    }

    /** Reads what {@link #write} wrote into this empty book; {@code episodes} is how many the store holds. */
    public void read(DataInputStream in, int episodes) throws IOException {
        int obs = in.readInt();
        if (obs != episodes) {
            throw new IOException("patterns cover " + obs + " episodes, the snapshot holds " + episodes);
        }
        patternOf = new int[Math.max(1024, Integer.highestOneBit(Math.max(1, obs)) * 2)];
        Arrays.fill(patternOf, -1);
        observed = obs;
        int n = in.readInt();
        checkCount(n, obs);
        for (int p = 0; p < n; p++) {
            String id = in.readUTF();
            State s = new State(id, dimension, Instant.EPOCH);
            for (int d = 0; d < dimension; d++) {
                s.sum[d] = in.readDouble();
            }
            int members = in.readInt();
            checkCount(members, obs);
            for (int i = 0; i < members; i++) {
                int m = in.readInt();
                if (m < 0 || m >= obs) {
                    throw new IOException("pattern member " + m + " out of range");
                }
                s.members.add(m);
                patternOf[m] = p;
            }
            readCounts(in, s.categories, Category::valueOf);
            readCounts(in, s.causes, k -> k);
            readCounts(in, s.strategies, k -> k);
            readCounts(in, s.signals, k -> k);
            readCounts(in, s.namespaces, k -> k);
            readCounts(in, s.kinds, k -> k);
            readCounts(in, s.versions, k -> k);
            s.alpha = in.readDouble();
            s.beta = in.readDouble();
            s.updated = Instant.ofEpochSecond(in.readLong(), in.readInt());
            s.demoted = in.readBoolean();
            s.centroid = normalised(s.sum);
            patterns.add(s);
            byId.put(id, p);
        }
    }

    private static void checkCount(int n, int max) throws IOException {
        if (n < 0 || n > Math.max(max, 0)) {
            throw new IOException("implausible count " + n);
        }
    }

    private static <K> void writeCounts(DataOutputStream out, Map<K, Double> counts,
                                        java.util.function.Function<K, String> key) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<K, Double> e : counts.entrySet()) {
            writeString(out, key.apply(e.getKey()));
            out.writeDouble(e.getValue());
        }
    }

    private static <K> void readCounts(DataInputStream in, Map<K, Double> counts,
                                       java.util.function.Function<String, K> key) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("implausible count " + n);
        }
        for (int i = 0; i < n; i++) {
            counts.put(key.apply(readString(in)), in.readDouble());
        }
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (16 << 20)) {
            throw new IOException("implausible string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
