package dev.metakube.jsonlines;

import dev.metakube.api.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines file: one record a line, blank lines skipped, each line handed over with its place
 * ({@code name:line}) so that an error names it. The text must be UTF-8.
 */
public final class JsonLines {
    /** Turns one line into a record. */
    @FunctionalInterface
    public interface LineReader<T> {
        /**
         * @param line  the line, not blank
         * @param where its place, {@code name:line}, for error messages
         * @throws InvalidInputException when the line is not a valid record
         */
        T read(String line, String where);
    }

    private JsonLines() {
    }

    /**
     * Every record of a file.
     *
     * @throws InvalidInputException naming the file when it is missing, not UTF-8 or unreadable, or naming the
     *         line when a record is bad
     */
    public static <T> List<T> read(Path file, LineReader<T> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Every record of a stream, which is left open.
     *
     * @param name what the stream is, for error messages
     * @throws InvalidInputException naming the stream when it is not UTF-8 or unreadable, or naming the line
     *         when a record is bad
     */
    public static <T> List<T> read(InputStream in, String name, LineReader<T> reader) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<T> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder));
        try {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(reader.read(line, name + ":" + n));
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }
}
