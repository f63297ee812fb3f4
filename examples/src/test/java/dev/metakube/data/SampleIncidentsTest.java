package dev.metakube.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Incident;
import dev.metakube.incident.IncidentFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample incidents in {@code examples/incidents}, one per category plus a plain-text one. */
class SampleIncidentsTest {
    @Test
    void everySampleReadsAndTheReadmeListsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DataFiles.INCIDENTS)) {
            files = s.filter(p -> !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
        String readme = Files.readString(DataFiles.INCIDENTS.resolve("README.md"), StandardCharsets.UTF_8);
        long structured = 0;
        long plain = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            assertTrue(readme.contains("`" + name + "`"), "README.md does not list " + name);
            Incident incident = IncidentFiles.read(f.toString(), new ByteArrayInputStream(new byte[0])).incident();
            assertFalse(incident.allText().isBlank(), name);
            if (name.endsWith(".txt")) {
                plain++;
            } else {
                structured++;
                assertFalse(incident.symptoms().isBlank(), name + ": symptoms");
                assertTrue(incident.evidence().size() >= 2, name + ": evidence");
                assertFalse(incident.context().namespace().isBlank(), name + ": context.namespace");
            }
        }
        assertTrue(structured >= 6, "structured samples: " + structured);
        assertTrue(plain >= 1, "plain-text samples: " + plain);
    }

    @Test
    void theReadmeSampleIsAnOomKilledDeployment() {
        Incident i = IncidentFiles.read(DataFiles.INCIDENTS.resolve("oom-killed.yaml").toString(),
                new ByteArrayInputStream(new byte[0])).incident();
        assertEquals("Deployment", i.context().kind());
        assertTrue(i.allText().contains("OOMKilled"));
        assertTrue(i.allText().contains("Exit Code:    137"));
        assertFalse(i.symptoms().contains("OOMKilled"), "the symptoms should not name the cause");
    }
}
