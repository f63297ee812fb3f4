package dev.metakube.api;

import java.util.List;
import java.util.Map;

/** Validation used by the records' compact constructors; messages name the field. */
final class Require {
    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "must be given");
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new InvalidInputException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(value);
    }

    static Map<String, String> map(Map<String, String> value, String field) {
        if (value == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidInputException(field, "keys and values must not be null");
            }
        }
        return Map.copyOf(value);
    }

    static double unit(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InvalidInputException(field, "must be in [0, 1], was " + value);
        }
        return value;
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(field, "must be a finite number, was " + value);
        }
        return value;
    }

    static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidInputException(field, "must be positive, was " + value);
        }
        return value;
    }
}
