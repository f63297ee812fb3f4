package dev.metakube.llm.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer, preallocated as {@code [kvHeads, capacity, headDim]} f32 arrays and written in
 * place. Closing it frees its native memory.
 */
public final class KvCache implements AutoCloseable {
    final NDArray[] keys;
    final NDArray[] values;
    private final NDManager manager;
    private final int capacity;
    private int length;

    KvCache(NDManager manager, Qwen3Config c, int capacity) {
        this.manager = manager;
        this.capacity = capacity;
        this.keys = new NDArray[c.layers()];
        this.values = new NDArray[c.layers()];
        Shape shape = new Shape(c.kvHeads(), capacity, c.headDim());
        for (int i = 0; i < c.layers(); i++) {
            keys[i] = manager.zeros(shape, DataType.FLOAT32);
            values[i] = manager.zeros(shape, DataType.FLOAT32);
        }
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    /** Tokens it can hold. */
    public int capacity() {
        return capacity;
    }

    void advance(int n) {
        length += n;
    }

    /** Forgets everything after the first {@code n} tokens (stale entries are overwritten before they are read). */
    public void truncate(int n) {
        if (n < 0 || n > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " tokens to " + n);
        }
        length = n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
