package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.eval.Scenario;
import dev.metakube.eval.ScenarioFiles;
import dev.metakube.scenario.ScenarioGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheMixDeterministicallyAndEveryLineReadsAsAScenario() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("sub/b.jsonl");
        Cli first = Cli.run("generate", "--count", "240", "--seed", "11", "--out", a.toString());
        Cli second = Cli.run("generate", "--count", "240", "--seed", "11", "--out", b.toString());
        assertEquals(0, first.exit, first.toString());
        assertEquals(0, second.exit, second.toString());
        assertTrue(first.out.contains("240 scenarios"), first.out);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        List<Scenario> read = ScenarioFiles.read(a);
        assertEquals(240, read.size());
        Map<Category, Integer> counted = new EnumMap<>(Category.class);
        for (Scenario s : read) {
            // the mix is of the paper's table, by the fault's file; the label follows the incident taxonomy
            counted.merge(Category.parse(s.fault().substring(0, s.fault().indexOf('/'))), 1, Integer::sum);
            assertEquals("generated", s.source());
            assertFalse(s.fault().isBlank(), s.id());
            assertFalse(s.evidence().isEmpty(), s.id());
            assertFalse(s.context().namespace().isBlank(), s.id());
            assertTrue(s.causalChain().size() >= 3, s.id());
            s.incident(java.time.Instant.EPOCH);
        }
        assertEquals(ScenarioGenerator.mix(240), counted);

        Cli other = Cli.run("generate", "--count", "240", "--seed", "12", "--out", dir.resolve("c.jsonl").toString());
        assertEquals(0, other.exit, other.toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve("c.jsonl"))));
    }

    @Test
    void badCountIsBadInput() {
        Cli r = Cli.run("generate", "--count", "0", "--out", dir.resolve("x.jsonl").toString());
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains("--count"), r.err);
        assertFalse(Files.exists(dir.resolve("x.jsonl")));
    }
}
