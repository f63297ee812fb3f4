package dev.metakube.memory.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class VectorIndexTest {
    private static float[] unit(Random r, int dim) {
        float[] v = new float[dim];
        double n = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }

    /** Clustered data (a mixture of 200 directions with noise), the shape real incident embeddings have. */
    private static float[][] clustered(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[200][];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = unit(r, dim);
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            float[] noise = unit(r, dim);
            float[] v = new float[dim];
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                v[d] = c[d] + 0.8f * noise[d];
                norm += v[d] * v[d];
            }
            for (int d = 0; d < dim; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            out[i] = v;
        }
        return out;
    }

    private static double bruteCos(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void exactScanMatchesBruteForceIncludingPartialBlocks() {
        int dim = 37; // not a multiple of 4: exercises the remainder loop
        Random r = new Random(3);
        VectorIndex index = new VectorIndex(dim, VectorIndex.Settings.exactOnly());
        float[][] data = new float[2_500][];
        for (int i = 0; i < data.length; i++) {
            data[i] = unit(r, dim);
            assertEquals(i, index.add(data[i]));
        }
        for (int t = 0; t < 20; t++) {
            float[] q = unit(r, dim);
            Neighbours got = index.search(q, 7);
            int best = -1;
            double bestCos = -2;
            for (int i = 0; i < data.length; i++) {
                double c = bruteCos(q, data[i]);
                if (c > bestCos) {
                    bestCos = c;
                    best = i;
                }
            }
            assertEquals(best, got.ordinals()[0]);
            assertEquals(bestCos, got.cosines()[0], 1e-5);
            for (int i = 1; i < got.size(); i++) {
                assertTrue(got.cosines()[i - 1] >= got.cosines()[i]);
            }
        }
        assertArrayEquals(data[1234], index.vector(1234));
        Neighbours range = index.above(data[2000], 1500, 2400, 0.999f);
        assertEquals(1, range.size());
        assertEquals(2000, range.ordinals()[0]);
        assertEquals(0, index.above(data[2000], 0, 2000, 0.999f).size(), "the range excludes ordinal 2000");
    }

    @Test
    void hnswRecallAtTenAgainstExactScan() {
        int dim = 64;
        float[][] data = clustered(6_000, dim, 11);
        VectorIndex index = new VectorIndex(dim, new VectorIndex.Settings(2_000, 16, 200, 160, 2));
        for (float[] v : data) {
            index.add(v);
        }
        index.awaitGraph();
        assertTrue(index.approximate(), "the graph is built above the threshold");
        float[][] queries = clustered(200, dim, 99);
        int hits = 0;
        for (float[] q : queries) {
            Set<Integer> exact = new HashSet<>();
            for (int o : index.searchExact(q, 10).ordinals()) {
                exact.add(o);
            }
            for (int o : index.search(q, 10).ordinals()) {
                if (exact.contains(o)) {
                    hits++;
                }
            }
        }
        double recall = hits / (10.0 * queries.length);
        assertTrue(recall >= 0.98, "recall@10 " + recall);
        // the library default ef=10 is visibly worse: ef matters and is set on purpose
        index.ef(10);
        int low = 0;
        for (float[] q : queries) {
            Set<Integer> exact = new HashSet<>();
            for (int o : index.searchExact(q, 10).ordinals()) {
                exact.add(o);
            }
            for (int o : index.search(q, 10).ordinals()) {
                if (exact.contains(o)) {
                    low++;
                }
            }
        }
        assertTrue(low < hits, "ef=10 recall " + low + " vs " + hits);
        index.close();
    }

    @Test
    void vectorsAddedWhileTheGraphBuildsAreFound() {
        int dim = 16;
        Random r = new Random(8);
        VectorIndex index = new VectorIndex(dim, new VectorIndex.Settings(500, 8, 64, 64, 1));
        float[][] data = new float[3_000][];
        for (int i = 0; i < data.length; i++) {
            data[i] = unit(r, dim);
            index.add(data[i]);
        }
        index.awaitGraph();
        for (int i = 0; i < data.length; i += 97) {
            assertEquals(i, index.search(data[i], 1).ordinals()[0], "vector " + i);
        }
        index.close();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, it does not hang
    void graphGrowsWhileItIsBuiltAndSearched() throws Exception {
        // the graph starts at 1,024 places and doubles while the background build and this writer both add
        int dim = 8;
        Random r = new Random(12);
        VectorIndex index = new VectorIndex(dim, new VectorIndex.Settings(600, 4, 16, 16, 2));
        float[][] data = new float[20_000][];
        Thread reader = new Thread(() -> {
            Random rr = new Random(13);
            for (int i = 0; i < 2_000; i++) {
                index.search(unit(rr, dim), 5);
            }
        });
        reader.start();
        for (int i = 0; i < data.length; i++) {
            data[i] = unit(r, dim);
            index.add(data[i]);
        }
        reader.join();
        index.awaitGraph();
        assertTrue(index.approximate());
        int found = 0;
        for (int i = 0; i < data.length; i += 200) {
            if (index.search(data[i], 1).ordinals()[0] == i) {
                found++;
            }
        }
        assertTrue(found >= 95, "found " + found + " of 100 stored vectors as their own nearest neighbour");
        index.close();
    }

    @Test
    void deferredGraphStartsAfterTheBulkLoad() {
        Random r = new Random(14);
        VectorIndex index = new VectorIndex(8, new VectorIndex.Settings(100, 4, 16, 16, 1));
        index.deferGraph();
        for (int i = 0; i < 500; i++) {
            index.add(unit(r, 8));
        }
        assertFalse(index.approximate());
        index.resumeGraph();
        index.awaitGraph();
        assertTrue(index.approximate());
        index.close();
    }
}
