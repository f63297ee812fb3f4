package dev.metakube.jsonlines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineIsReadWithItsPlaceAndBlankLinesAreSkipped() {
        List<String> got = JsonLines.read(text("{\"a\":1}\n\n  \n{\"b\":2}\n"), "f.jsonl", (line, where) -> where + " " + line);
        assertEquals(List.of("f.jsonl:1 {\"a\":1}", "f.jsonl:4 {\"b\":2}"), got);
    }

    @Test
    void aBadRecordIsReportedAsTheReaderReportsIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonLines.read(text("x\ny\n"), "f",
                (line, where) -> {
                    if (line.equals("y")) {
                        throw new InvalidInputException(where, "bad");
                    }
                    return line;
                }));
        assertEquals("f:2", e.where());
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheStream() {
        byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JsonLines.read(new ByteArrayInputStream(latin1), "f", (line, where) -> line));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertEquals("f", e.where());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("none.jsonl");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JsonLines.read(missing, (line, where) -> line));
        assertEquals(missing.toString(), e.where());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
