package dev.metakube.memory.index;

/**
 * The result of a nearest-neighbour search: ordinals with their cosine similarity to the query, best first.
 *
 * @param ordinals the vectors' ordinals (insertion order, from 0)
 * @param cosines  the cosine of each to the query, in [−1, 1], non-increasing
 */
public record Neighbours(int[] ordinals, float[] cosines) {
    /** No neighbours. */
    public static final Neighbours NONE = new Neighbours(new int[0], new float[0]);

    public Neighbours {
        if (ordinals.length != cosines.length) {
            throw new IllegalArgumentException("ordinals and cosines differ in length");
        }
    }

    /** How many neighbours were found. */
    public int size() {
        return ordinals.length;
    }
}
