package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the Java usage example of README.md compiling against the real API. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeJavaExampleCompiles() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.strip().equals("```java")) {
                in = true;
                continue;
            }
            if (in && l.strip().equals("```")) {
                break;
            }
            if (in) {
                (l.startsWith("import ") ? imports : body).add(l);
            }
        }
        assertTrue(body.size() >= 5, "README has a java example");
        assertTrue(body.size() <= 12, "the example stays short: " + body.size() + " lines");
        String source = String.join("\n", imports) + "\npublic class ReadmeExample {\n  public static void main(String[] a) throws Exception {\n"
                + String.join("\n", body) + "\n  }\n}\n";
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int code = javac.getTask(diagnostics, null, null, List.of("-d", dir.toString(), "-classpath",
                System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call() ? 0 : 1;
        assertEquals(0, code, diagnostics + "\n" + source);
    }
}
