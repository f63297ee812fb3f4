package dev.metakube.spi;

import dev.metakube.api.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Free-form completion: a prompt in, the model's text out. An optional capability of a {@link DiagnosticModel}
 * ({@link DiagnosticModel#completion()}), used where a model answers something other than a diagnosis, such as
 * grading one as judge (the paper's appendix A.4). Implementations are thread-safe or serialize internally.
 *
 * <p>A request may carry an {@link IntegerObject} format: the completion is then exactly one JSON object with the
 * named integer fields, each in range, whatever the model's weights (implementations constrain decoding rather
 * than hope), for example {@code {"root_cause": 7, "resolution": 5}}.
 */
public interface TextCompletion {
    /**
     * Completes a prompt.
     *
     * @return the text; with an {@link IntegerObject} format, one JSON object of exactly its fields, in its order,
     *         each an integer in its range
     * @throws ModelOutputException when the model could not complete (cancelled, out of context)
     * @throws InvalidInputException when the prompt does not fit the model's context
     */
    String complete(Request request);

    /**
     * One completion request.
     *
     * @param prompt       the user's message; the model answers it as one chat turn. Control tokens written in it
     *                     are text, not structure
     * @param maxNewTokens the most tokens generated in plain mode; a constrained object is always completed, its
     *                     length being fixed by its fields
     * @param format       the shape of the answer, or null for free text
     * @param seed         the sampling seed: the same seed, prompt and model give the same text
     */
    record Request(String prompt, int maxNewTokens, IntegerObject format, long seed) {
        public Request {
            if (prompt == null || prompt.isBlank()) {
                throw new InvalidInputException("completion.prompt", "must not be empty");
            }
            if (maxNewTokens < 1) {
                throw new InvalidInputException("completion.maxNewTokens", "must be positive, was " + maxNewTokens);
            }
        }

        /** Free text of at most {@code maxNewTokens} tokens. */
        public static Request text(String prompt, int maxNewTokens, long seed) {
            return new Request(prompt, maxNewTokens, null, seed);
        }

        /**
         * One JSON object of integer fields (see {@link IntegerObject}); {@code maxNewTokens} is set to 8 per field,
         * a nominal figure, since the object's length is fixed by its fields.
         */
        public static Request integers(String prompt, List<String> fields, int min, int max, long seed) {
            IntegerObject f = new IntegerObject(fields, min, max);
            return new Request(prompt, 8 * f.fields().size(), f, seed);
        }
    }

    /**
     * The format "one JSON object whose fields are exactly {@code fields}, in this order, each an integer in
     * [{@code min}, {@code max}]".
     *
     * @param fields the field names: at least one, distinct, letters, digits, {@code _}, {@code -} or {@code .}
     *               (so that they need no escaping)
     * @param min    the smallest value, inclusive
     * @param max    the largest value, inclusive
     */
    record IntegerObject(List<String> fields, int min, int max) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

        public IntegerObject {
            if (fields == null || fields.isEmpty()) {
                throw new InvalidInputException("completion.format.fields", "must name at least one field");
            }
            fields = List.copyOf(fields);
            Set<String> seen = new HashSet<>();
            for (String f : fields) {
                if (!NAME.matcher(f).matches()) {
                    throw new InvalidInputException("completion.format.fields", "'" + f + "' is not a plain name"
                            + " (letters, digits, _, - or ., at most 64 characters)");
                }
                if (!seen.add(f)) {
                    throw new InvalidInputException("completion.format.fields", "'" + f + "' is named twice");
                }
            }
            if (min > max) {
                throw new InvalidInputException("completion.format", "min " + min + " is above max " + max);
            }
        }
    }
}
