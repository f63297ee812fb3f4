package dev.metakube.evidence.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Reading a text with the readers and checking what was found. */
final class ReaderAssertions {
    private static final TextEvidenceReader READER = new TextEvidenceReader();

    private ReaderAssertions() {
    }

    static String text(String... lines) {
        return String.join("\n", lines);
    }

    static List<TextFinding> read(String text) {
        return READER.read(text);
    }

    static TextFinding found(String text, String key) {
        for (TextFinding f : read(text)) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        fail("no finding " + key + " in " + read(text));
        return null;
    }

    static void notFound(String text, String key) {
        for (TextFinding f : read(text)) {
            assertTrue(!f.key().equals(key), "unexpected finding " + f);
        }
    }

    static void value(TextFinding f, String name, String expected) {
        assertEquals(expected, f.values().get(name), name + " of " + f);
    }
}
