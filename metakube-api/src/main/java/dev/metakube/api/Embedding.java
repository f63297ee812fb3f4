package dev.metakube.api;

import java.util.Arrays;

/**
 * A vector from an embedding model, with the model's identity so that stores can refuse mixing models.
 *
 * @param model  the embedder's model id (e.g. {@code "bge-small-en-v1.5"}, {@code "lexical-hash-384"})
 * @param vector the vector; not copied, callers must not mutate it afterwards
 */
public record Embedding(String model, float[] vector) {
    public Embedding {
        model = Require.text(model, "embedding.model");
        if (vector == null || vector.length == 0) {
            throw new InvalidInputException("embedding.vector", "must not be empty");
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new InvalidInputException("embedding.vector[" + i + "]", "is not finite: " + vector[i]);
            }
        }
    }

    public int dimension() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.model.equals(model) && Arrays.equals(e.vector, vector);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding[model=" + model + ", dimension=" + vector.length + "]";
    }
}
