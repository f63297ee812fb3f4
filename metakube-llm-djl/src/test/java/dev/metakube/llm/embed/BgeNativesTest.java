package dev.metakube.llm.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedder runs on OnnxRuntime alone: in a fresh JVM with an empty home, embedding a text unpacks no PyTorch
 * natives (DJL would otherwise start PyTorch as OnnxRuntime's helper, ~440 MB on a first start).
 */
class BgeNativesTest {
    @Test
    void embeddingUnpacksNoPyTorch(@TempDir Path home) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = home.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Duser.home=" + home, "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), EmbedOnce.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("dimension 384"), out);
        Path djl = home.resolve(".djl.ai");
        assertTrue(Files.isDirectory(djl.resolve("tokenizers")), "the tokenizer natives are the ones it needs");
        assertFalse(Files.exists(djl.resolve("pytorch")), "PyTorch natives were unpacked: " + out);
    }
}
