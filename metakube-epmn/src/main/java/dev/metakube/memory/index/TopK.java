package dev.metakube.memory.index;

/**
 * Keeps the {@code k} highest scores seen, as a binary min-heap in two parallel arrays (no boxing, no garbage
 * per candidate). Offering a candidate costs one comparison unless it enters the heap, then O(log k).
 */
final class TopK {
    private final int k;
    private final int[] ids;
    private final float[] scores;
    private int size;

    TopK(int k) {
        this.k = k;
        this.ids = new int[k];
        this.scores = new float[k];
    }

    /** The score a candidate must beat to enter, or −∞ while fewer than {@code k} are held. */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(int id, float score) {
        if (size < k) {
            int i = size++;
            ids[i] = id;
            scores[i] = score;
            siftUp(i);
        } else if (score > scores[0]) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && scores[l] < scores[m]) {
                m = l;
            }
            if (r < size && scores[r] < scores[m]) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }

    /** The held candidates, best first (ties by lower ordinal). Empties the heap. */
    Neighbours drain() {
        int n = size;
        int[] outIds = new int[n];
        float[] outScores = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            outIds[i] = ids[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                ids[0] = ids[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
        // equal scores: lower ordinal first, for deterministic results
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && outScores[j] == outScores[j - 1] && outIds[j] < outIds[j - 1]; j--) {
                int t = outIds[j];
                outIds[j] = outIds[j - 1];
                outIds[j - 1] = t;
            }
        }
        return new Neighbours(outIds, outScores);
    }
}
