package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metakube eval --judge}: a tiny random Qwen3 judges under constrained decoding; the template model cannot. */
class EvalJudgeTest {
    private static final String[] DIMENSIONS = {"effectiveness", "equivalence", "completeness", "safety", "overall"};

    @TempDir
    Path dir;

    private Path scenarios() throws IOException {
        Path p = dir.resolve("s.jsonl");
        Files.writeString(p, String.join("\n",
                "{\"id\":\"s1\",\"category\":\"resource\",\"symptoms\":\"api restarts\",\"evidence\":\"Last State: Terminated\\nReason: OOMKilled\\nExit Code: 137\",\"root_cause\":\"memory limit too low\",\"root_cause_keywords\":[\"memory\"],\"fix_keywords\":[\"limit\"]}",
                "{\"id\":\"s2\",\"category\":\"image\",\"symptoms\":\"deploy stuck\",\"evidence\":\"Failed to pull image \\\"shop/web:v9\\\": manifest unknown\\nError: ImagePullBackOff\",\"root_cause\":\"tag does not exist\",\"root_cause_keywords\":[\"tag\"],\"fix_keywords\":[\"image\"]}",
                "{\"id\":\"s3\",\"category\":\"scheduling\",\"symptoms\":\"pods pending\",\"evidence\":\"0/3 nodes are available: 3 Insufficient cpu\",\"root_cause\":\"not enough cpu\",\"root_cause_keywords\":[\"cpu\"],\"fix_keywords\":[\"requests\"]}"),
                StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aTinyQwen3JudgesAndTheSummaryHoldsTheJudgeSection() throws IOException {
        Path model = dir.resolve("tiny-qwen3");
        TinyCheckpoint.write(model, TinyCheckpoint.TINY, 42, 1);
        Path out = dir.resolve("eval");
        Cli r = Cli.run("eval", "--scenarios", scenarios().toString(), "--out", out.toString(), "--judge",
                "--judge-model", model.toString(), "--judge-runs", "2", "--judge-cases", "2");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("judge qwen3:tiny-qwen3, 2 cases x 2 runs"), r.out);

        JsonNode judge = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("judge");
        assertTrue(judge != null && judge.isObject(), "summary.json has a judge section");
        assertEquals("qwen3:tiny-qwen3", judge.get("model").asText());
        assertEquals(3, judge.get("sampled_from").asInt());
        assertEquals(2, judge.get("runs").asInt());
        assertEquals(2, judge.get("cases").asInt());
        double four = 0;
        for (String d : DIMENSIONS) {
            JsonNode x = judge.get(d);
            assertTrue(x != null && x.get("mean").isNumber() && x.get("spread").isNumber(), d + ": " + judge);
            double mean = x.get("mean").asDouble();
            double spread = x.get("spread").asDouble();
            assertTrue(mean >= 0 && mean <= 10, d + " mean in [0, 10]: " + judge);
            assertTrue(spread >= 0 && spread <= 10, d + " spread in [0, 10]: " + judge);
            four += d.equals("overall") ? 0 : mean / 4;
        }
        assertEquals(four, judge.get("overall").get("mean").asDouble(), 1e-9, "overall is the mean of the four");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("id=\"judge-table\"") && html.contains("qwen3:tiny-qwen3 graded 2 of 3"), html);
    }

    @Test
    void theTemplateModelCannotJudgeAndNothingIsRun() throws IOException {
        Path out = dir.resolve("eval");
        Cli r = Cli.run("eval", "--scenarios", scenarios().toString(), "--out", out.toString(), "--judge");
        assertEquals(2, r.exit, r.toString());
        assertEquals(1, r.err.strip().lines().count(), "one line: " + r.err);
        assertTrue(r.err.contains("--judge") && r.err.contains("'template'")
                && r.err.contains("cannot act as judge"), r.err);
        assertFalse(Files.exists(out), "it failed before evaluating anything");
    }

    @Test
    void judgeOptionsAreChecked() throws IOException {
        String s = scenarios().toString();
        String o = dir.resolve("eval").toString();
        Cli alone = Cli.run("eval", "--scenarios", s, "--out", o, "--judge-runs", "5");
        assertEquals(2, alone.exit, alone.toString());
        assertTrue(alone.err.contains("--judge-runs: only applies with --judge"), alone.err);
        Cli zero = Cli.run("eval", "--scenarios", s, "--out", o, "--judge", "--judge-cases", "0");
        assertEquals(2, zero.exit, zero.toString());
        assertTrue(zero.err.contains("--judge-cases: must be at least 1"), zero.err);
        Cli missing = Cli.run("eval", "--scenarios", s, "--out", o, "--judge", "--judge-model",
                dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit, missing.toString());
        assertTrue(missing.err.contains("--judge-model: no such directory"), missing.err);
        Cli unknown = Cli.run("eval", "--scenarios", s, "--out", o, "--judge", "--judge-provider", "gpt-judge");
        assertEquals(1, unknown.exit, unknown.toString());
        assertTrue(unknown.err.contains("no DiagnosticModelProvider named 'gpt-judge'"), unknown.err);
    }
}
