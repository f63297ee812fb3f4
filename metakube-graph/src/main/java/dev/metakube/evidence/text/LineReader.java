package dev.metakube.evidence.text;

import java.util.List;

/**
 * A reader of one family of text evidence. It sees every line of a text once, in order, and may keep state
 * between lines (a stack trace, a Python traceback); a new instance reads each text.
 */
interface LineReader {
    /**
     * Reads one line.
     *
     * @param line  the line, at most {@link TextEvidenceReader#MAX_LINE} characters, without its line break
     * @param lower the same line in lower case (ASCII rules), for cheap anchor tests
     */
    void line(String line, String lower);

    /** Adds what was found in the whole text to {@code out}, called once after the last line. */
    void finish(List<TextFinding> out);
}
