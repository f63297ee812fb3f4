package dev.metakube.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The six failure categories of the paper (Table 3). */
public enum Category {
    RESOURCE, NETWORK, SCHEDULING, IMAGE, CONFIGURATION, SYSTEM;

    /** The lower-case name used in files and on the command line, e.g. {@code "resource"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a category name, case-insensitively.
     *
     * @throws InvalidInputException naming the valid values when {@code text} is none of them
     */
    public static Category parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (Category c : values()) {
                if (c.name().equals(t)) {
                    return c;
                }
            }
        }
        throw new InvalidInputException("category", "unknown category '" + text + "'; expected one of "
                + Arrays.stream(values()).map(Category::label).collect(Collectors.joining(", ")));
    }
}
