package dev.metakube.llm.safetensors;

import dev.metakube.api.InvalidInputException;
import java.util.Arrays;

/**
 * A tensor's entry in a safetensors header.
 *
 * @param name  the tensor name
 * @param dtype its element type
 * @param shape its shape
 * @param begin the first byte of its data, relative to the data section
 * @param end   one past its last byte, relative to the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
    public TensorInfo {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("safetensors", "tensor without a name");
        }
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException("safetensors", "tensor '" + name + "' has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        if (begin < 0 || end - begin != n * dtype.bytes()) {
            throw new InvalidInputException("safetensors", "tensor '" + name + "' has offsets [" + begin + ", " + end
                    + ") that do not hold " + n + " elements of " + dtype);
        }
    }

    /** The number of elements. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as a copy. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
