package dev.metakube.llm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static float[] logits(long seed, int n) {
        Random r = new Random(seed);
        float[] l = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = (float) r.nextGaussian() * 3;
        }
        return l;
    }

    @Test
    void greedyTakesTheBestAllowedToken() {
        float[] l = {0.1f, 5f, 2f, 4f};
        assertEquals(1, new Sampler(SamplingParams.GREEDY).sample(l, null));
        assertEquals(3, new Sampler(SamplingParams.GREEDY).sample(l, new int[] {0, 2, 3}));
    }

    @Test
    void seededSamplingIsReproducibleAndSeedsDiffer() {
        float[] l = logits(1, 1000);
        SamplingParams p = new SamplingParams(1.0, 50, 0.95, 1234);
        int[] a = new int[64];
        int[] b = new int[64];
        Sampler s1 = new Sampler(p);
        Sampler s2 = new Sampler(p);
        Sampler s3 = new Sampler(new SamplingParams(1.0, 50, 0.95, 99));
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = s1.sample(l, null);
            b[i] = s2.sample(l, null);
            same += a[i] == s3.sample(l, null) ? 1 : 0;
        }
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertNotEquals(a.length, same, "another seed should give another sequence");
    }

    @Test
    void topKAndTopPBoundTheCandidates() {
        float[] l = logits(2, 500);
        Integer[] order = new Integer[l.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(l[y], l[x]));
        Set<Integer> top5 = new HashSet<>(java.util.List.of(order).subList(0, 5));
        Sampler k = new Sampler(new SamplingParams(2.0, 5, 1.0, 7));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int t = k.sample(l, null);
            assertTrue(top5.contains(t), "token " + t + " is outside the top 5");
            seen.add(t);
        }
        assertEquals(5, seen.size(), "temperature 2 over 2,000 draws should reach all five");
        // a dominant token with top-p 0.5 is the only candidate
        float[] peaked = new float[100];
        peaked[42] = 20;
        Sampler p = new Sampler(new SamplingParams(1.0, 0, 0.5, 3));
        for (int i = 0; i < 100; i++) {
            assertEquals(42, p.sample(peaked, null));
        }
    }
}
