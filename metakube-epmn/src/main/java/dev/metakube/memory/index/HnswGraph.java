package dev.metakube.memory.index;

import com.github.jelmerk.knn.DistanceFunction;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import com.github.jelmerk.knn.hnsw.SizeLimitExceededException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * hnswlib's HNSW graph over unit vectors with inner-product distance ({@code 1 − cos}). The graph is never
 * saved with hnswlib's own {@code save}, which uses Java serialization: it is rebuilt from the vectors.
 * Thread-safe (hnswlib locks internally).
 */
final class HnswGraph {
    /** An indexed vector; {@link Item} extends {@code Serializable}, a property we never use. */
    record Node(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    /**
     * {@code 1 − u·v} with eight independent accumulators: hnswlib's own inner product is one dependent chain of
     * adds, which C2 cannot reorder (floating point), so it runs at one add per add-latency.
     */
    static final class InnerProductDistance implements DistanceFunction<float[], Float> {
        private static final long serialVersionUID = 1L;

        @Override
        public Float distance(float[] u, float[] v) {
            return 1f - Vectors.dot(u, v);
        }
    }

    private final HnswIndex<Integer, float[], Node, Float> index;
    private final ReentrantReadWriteLock resize = new ReentrantReadWriteLock();
    /** The size of hnswlib's pool of visited sets, which it sets to the available processors. */
    private final Semaphore callers = new Semaphore(Runtime.getRuntime().availableProcessors());

    HnswGraph(int dimension, int capacity, int m, int efConstruction, int ef) {
        this.index = HnswIndex.<float[], Float>newBuilder(dimension, new InnerProductDistance(),
                        Math.max(capacity, 1024))
                .withM(m).withEfConstruction(efConstruction).withEf(ef).build();
    }

    int size() {
        return index.size();
    }

    void add(int ordinal, float[] v) {
        Node node = new Node(ordinal, v);
        while (true) {
            resize.readLock().lock();
            // read under the lock: a resize cannot start until this add is done
            int capacity = index.getMaxItemCount();
            try {
                if (index.size() < capacity) {
                    callers.acquireUninterruptibly();
                    try {
                        index.add(node);
                    } finally {
                        callers.release();
                    }
                    return;
                }
            } catch (SizeLimitExceededException full) {
                // another thread took the last place between the check and the add: grow, then retry
            } finally {
                resize.readLock().unlock();
            }
            resize.writeLock().lock();
            try {
                if (index.getMaxItemCount() == capacity) {
                    index.resize(capacity * 2);
                }
            } finally {
                resize.writeLock().unlock();
            }
        }
    }

    void ef(int ef) {
        index.setEf(ef);
    }

    int ef() {
        return index.getEf();
    }

    Neighbours search(float[] q, int k) {
        List<SearchResult<Node, Float>> found;
        resize.readLock().lock();
        callers.acquireUninterruptibly();
        try {
            found = index.findNearest(q, k);
        } finally {
            callers.release();
            resize.readLock().unlock();
        }
        int[] ids = new int[found.size()];
        float[] cos = new float[found.size()];
        for (int i = 0; i < ids.length; i++) {
            SearchResult<Node, Float> r = found.get(i);
            ids[i] = r.item().id();
            cos[i] = 1f - r.distance();
        }
        return new Neighbours(ids, cos);
    }
}
