package dev.metakube.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Locates the data files of the repository (tests run in the examples module directory) and reads them. */
final class DataFiles {
    static final Path STARTER = Path.of("..", "benchmarks", "scenarios", "starter.jsonl");
    static final Path SEED = Path.of("..", "metakube-controller", "src", "main", "resources", "dev", "metakube", "seed",
            "experience.jsonl");
    static final Path INCIDENTS = Path.of("incidents");

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataFiles() {
    }

    /** Every non-blank line of a JSON Lines file, parsed. */
    static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The sentences of a text worth comparing between data sets: split at line ends and sentence ends, lower-cased,
     * spaces collapsed, closing punctuation dropped, and only those of at least six words (shorter ones, such as
     * "Pods are Pending.", recur naturally in any two descriptions of Kubernetes).
     */
    static Set<String> sentences(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            for (String s : SENTENCE_END.split(line)) {
                String n = SPACE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
                while (!n.isEmpty() && ".!?".indexOf(n.charAt(n.length() - 1)) >= 0) {
                    n = n.substring(0, n.length() - 1).strip();
                }
                if (n.split(" ").length >= 6) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** A text field that must be present and not blank. */
    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new AssertionError(where + ": field '" + field + "' missing or empty");
        }
        return v.asText();
    }
}
