package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The executable jar the build makes (run after {@code package}): under 150 MB, no debug symbols, natives of
 * Linux x86-64 only, the prepared experience inside, and libtorch beside it where its manifest says.
 */
class ExecutableJarIT {
    private static final Path JAR = Path.of("target", "metakube.jar");

    @Test
    void carriesOnlyWhatLinuxX86NeedsAndStaysSmall() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "run mvn package first: " + JAR.toAbsolutePath());
        long size = Files.size(JAR);
        assertTrue(size < 150L * 1024 * 1024, "the executable jar is " + size / (1024 * 1024) + " MiB");
        List<String> unwanted = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.endsWith(".pdb") || lower.contains(".dsym/") || lower.endsWith(".dll")
                        || lower.endsWith(".dylib") || lower.endsWith(".jnilib") || lower.contains("aarch64")
                        || lower.contains("/arm") || lower.contains("windows/") || lower.contains("win32")
                        || lower.contains("darwin") || lower.contains("freebsd") || lower.contains("libtorch_cpu")) {
                    unwanted.add(name);
                }
            }
            assertEquals(List.of(), unwanted, "debug symbols, other platforms' natives or libtorch in the jar");
            assertNotNull(jar.getEntry("dev/metakube/seed/experience-prepared.bin.gz"),
                    "the prepared experience is missing");
            assertNotNull(jar.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
            String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            assertNotNull(classPath, "no Class-Path for libtorch");
            for (String entry : classPath.split(" ")) {
                assertTrue(Files.isRegularFile(JAR.resolveSibling(entry)), "missing beside the jar: " + entry);
            }
        }
    }
}
