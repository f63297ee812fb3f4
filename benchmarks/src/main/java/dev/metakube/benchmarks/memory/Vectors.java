package dev.metakube.benchmarks.memory;

import java.util.Random;

/**
 * Deterministic synthetic embeddings: a mixture of Gaussian clusters on the 384-dimensional unit sphere
 * (one cluster per 500 vectors, at least 100), each vector its centre plus noise of norm 0.8, normalised: a member
 * has cosine ≈ 0.78 to its centre and ≈ 0.6 to another member, as incident embeddings of one failure kind have.
 * Uniformly random vectors would be the worst case for HNSW and unlike real data.
 */
final class Vectors {
    static final int DIM = 384;

    private final float[][] centres;
    private final Random random;
    private final float noise;

    Vectors(int size, long seed) {
        this(size, seed, 0.8f, Math.max(100, size / 500));
    }

    /** A mixture of {@code clusters} centres with noise of norm {@code noise}. */
    Vectors(int size, long seed, float noise, int clusters) {
        this.random = new Random(seed);
        this.noise = noise;
        this.centres = new float[clusters][];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = unit(random);
        }
    }

    static float[] unit(Random r) {
        float[] v = new float[DIM];
        double n = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < DIM; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** The next vector of the mixture. */
    float[] next() {
        float[] c = centres[random.nextInt(centres.length)];
        float[] noise = unit(random);
        float[] v = new float[DIM];
        double n = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = c[i] + this.noise * noise[i];
            n += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < DIM; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
