package dev.metakube.memory.index;

import java.util.Arrays;

/**
 * Vectors stored column-major in blocks of {@value #BLOCK}, scanned exactly. Within a block the scan adds
 * {@code q[d] · column_d} to a row of {@value #BLOCK} partial scores for each dimension {@code d}: a loop with no
 * reduction across lanes, which HotSpot's C2 compiles to SIMD (AVX2/AVX-512) on Java 17 without the incubating
 * Vector API. Each column is its own array, indexed like the scores: C2 (before JDK 21) vectorizes only when the
 * load and the store of the same element type use the same index, so one flat array with an offset per
 * dimension ran three times slower (measured). Four dimensions are fused per pass to cut the loads and stores of
 * the partial scores.
 *
 * <p>Cost of a scan: {@code n · d} multiply-adds, memory-bound at {@code 4 · n · d} bytes. Appends are
 * single-writer; scans may run concurrently with an append and see the vectors published before it.
 */
final class ExactScan {
    static final int BLOCK = 1024;

    private final int dimension;
    private volatile float[][][] blocks = new float[0][][];
    private volatile int size;

    ExactScan(int dimension) {
        this.dimension = dimension;
    }

    int size() {
        return size;
    }

    /** Appends a vector; single writer. Returns its ordinal. */
    int add(float[] v) {
        int n = size;
        int b = n / BLOCK;
        float[][][] bs = blocks;
        if (b == bs.length) {
            float[][][] grown = Arrays.copyOf(bs, bs.length + 1);
            grown[b] = new float[dimension][BLOCK];
            blocks = grown;
            bs = grown;
        }
        float[][] blk = bs[b];
        int col = n % BLOCK;
        for (int d = 0; d < dimension; d++) {
            blk[d][col] = v[d];
        }
        size = n + 1; // volatile write publishes the column
        return n;
    }

    /** The vector at {@code ordinal}, copied out of its column. */
    float[] vector(int ordinal) {
        float[][] blk = blocks[ordinal / BLOCK];
        int col = ordinal % BLOCK;
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = blk[d][col];
        }
        return v;
    }

    /** The exact top {@code k} over all vectors. */
    Neighbours search(float[] q, int k) {
        int n = size;
        if (n == 0 || k <= 0) {
            return Neighbours.NONE;
        }
        TopK top = new TopK(Math.min(k, n));
        scan(q, 0, n, (ordinal, score) -> top.offer(ordinal, score), top);
        return top.drain();
    }

    /** Every vector in {@code [from, to)} whose cosine to {@code q} is at least {@code threshold}, best first. */
    Neighbours above(float[] q, int from, int to, float threshold) {
        int n = Math.min(size, to);
        if (from >= n) {
            return Neighbours.NONE;
        }
        int[] ids = new int[16];
        float[] scores = new float[16];
        int[] count = {0};
        int[][] idsRef = {ids};
        float[][] scoresRef = {scores};
        scan(q, Math.max(0, from), n, (ordinal, score) -> {
            if (score >= threshold) {
                int c = count[0];
                if (c == idsRef[0].length) {
                    idsRef[0] = Arrays.copyOf(idsRef[0], c * 2);
                    scoresRef[0] = Arrays.copyOf(scoresRef[0], c * 2);
                }
                idsRef[0][c] = ordinal;
                scoresRef[0][c] = score;
                count[0] = c + 1;
            }
        }, null);
        TopK sorted = new TopK(Math.max(1, count[0]));
        for (int i = 0; i < count[0]; i++) {
            sorted.offer(idsRef[0][i], scoresRef[0][i]);
        }
        return count[0] == 0 ? Neighbours.NONE : sorted.drain();
    }

    interface Sink {
        void accept(int ordinal, float score);
    }

    private void scan(float[] q, int from, int to, Sink sink, TopK top) {
        float[][][] bs = blocks;
        float[] scores = new float[BLOCK];
        int dim = dimension;
        int dim4 = dim & ~3;
        for (int b = from / BLOCK; b * BLOCK < to; b++) {
            int base = b * BLOCK;
            int lo = Math.max(from, base) - base;
            int hi = Math.min(to, base + BLOCK) - base;
            float[][] blk = bs[b];
            Arrays.fill(scores, lo, hi, 0f);
            int d = 0;
            for (; d < dim4; d += 4) {
                float q0 = q[d];
                float q1 = q[d + 1];
                float q2 = q[d + 2];
                float q3 = q[d + 3];
                float[] c0 = blk[d];
                float[] c1 = blk[d + 1];
                float[] c2 = blk[d + 2];
                float[] c3 = blk[d + 3];
                for (int j = lo; j < hi; j++) {
                    scores[j] += q0 * c0[j] + q1 * c1[j] + q2 * c2[j] + q3 * c3[j];
                }
            }
            for (; d < dim; d++) {
                float qd = q[d];
                float[] c = blk[d];
                for (int j = lo; j < hi; j++) {
                    scores[j] += qd * c[j];
                }
            }
            if (top != null) {
                float t = top.threshold();
                for (int j = lo; j < hi; j++) {
                    if (scores[j] > t) {
                        top.offer(base + j, scores[j]);
                        t = top.threshold();
                    }
                }
            } else {
                for (int j = lo; j < hi; j++) {
                    sink.accept(base + j, scores[j]);
                }
            }
        }
    }
}
