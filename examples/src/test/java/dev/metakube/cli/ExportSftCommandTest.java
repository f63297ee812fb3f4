package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSftCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void exportsEverySeedRecordAsASystemUserAssistantConversation() throws Exception {
        List<JsonNode> seed = new ArrayList<>();
        try (InputStream s = ExportSftCommand.class.getResourceAsStream(ExportSftCommand.SEED_RESOURCE)) {
            assertNotNull(s, "seed experience missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    seed.add(JSON.readTree(line));
                }
            }
        }
        assertTrue(seed.size() >= 600, "seed records: " + seed.size());

        Path out = dir.resolve("nested/sft.jsonl");
        Cli r = Cli.run("export-sft", "--out", out.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("wrote " + seed.size() + " chat samples"), r.out);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(seed.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode messages = JSON.readTree(lines.get(i)).get("messages");
            JsonNode record = seed.get(i);
            assertEquals(3, messages.size(), lines.get(i));
            assertEquals("system", messages.get(0).get("role").asText());
            assertEquals("user", messages.get(1).get("role").asText());
            assertEquals("assistant", messages.get(2).get("role").asText());
            String user = messages.get(1).get("content").asText();
            String assistant = messages.get(2).get("content").asText();
            assertTrue(user.contains(record.get("problem").asText()), record.get("id").asText());
            for (JsonNode attempt : record.get("attempts")) {
                assertTrue(user.contains("- " + attempt.asText()), record.get("id").asText());
            }
            assertTrue(assistant.contains(record.get("reasoning").asText()), record.get("id").asText());
            assertTrue(assistant.contains(record.get("solution").asText()), record.get("id").asText());
            // The answer belongs to the assistant turn only: the user turn must not leak it.
            assertFalse(user.contains(record.get("solution").asText()), record.get("id").asText());
            assertFalse(user.contains(record.get("root_cause").asText()), record.get("id").asText());
        }
    }

    @Test
    void convertsAGivenFileAndPutsTheAnswerAfterTheReasoning() throws Exception {
        Path in = dir.resolve("exp.jsonl");
        Files.writeString(in, record("e-1", "Pods of web restart with exit 137.", "[\"Deleted the pod; it came back the same.\"]")
                + "\n\n" + record("e-2", "The queue worker never starts.", "[]") + "\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("export-sft", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.exit, r.toString());

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0)).get("messages");
        assertEquals(ExportSftCommand.SYSTEM_PROMPT, first.get(0).get("content").asText());
        assertEquals("Problem:\nPods of web restart with exit 137.\n\nContext: namespace shop, kind Deployment, name web, "
                + "kubernetesVersion 1.29.4\n\nAlready tried, without success:\n- Deleted the pod; it came back the same.",
                first.get(1).get("content").asText());
        String answer = first.get(2).get("content").asText();
        assertTrue(answer.startsWith("Category: resource (OOMKilled)"), answer);
        int reasoning = answer.indexOf("Reasoning: Exit 137 is the kernel OOM killer.");
        int cause = answer.indexOf("Root cause: The memory limit is too low.");
        int solution = answer.indexOf("Solution: kubectl set resources deploy/web --limits=memory=1Gi");
        assertTrue(reasoning > 0 && cause > reasoning && solution > cause, answer);

        String second = JSON.readTree(lines.get(1)).get("messages").get(1).get("content").asText();
        assertTrue(second.endsWith("Nothing has been tried yet."), second);
    }

    @Test
    void aRecordMissingAFieldIsBadInputAndNothingIsWritten() throws Exception {
        Path in = dir.resolve("bad.jsonl");
        String good = record("e-1", "p", "[\"a\"]");
        Files.writeString(in, good + "\n" + good.replace("\"reasoning\"", "\"notes\"").replace("e-1", "e-2") + "\n",
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("export-sft", "--in", in.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, r.exit, r.toString());
        assertTrue(r.err.contains(in + ":2"), r.err);
        assertTrue(r.err.contains("notes"), r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void malformedEmptyMissingAndDuplicateInputsAreBadInput() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path malformed = dir.resolve("m.jsonl");
        Files.writeString(malformed, "{\"id\": \"x\",", StandardCharsets.UTF_8);
        Path empty = dir.resolve("e.jsonl");
        Files.writeString(empty, "\n\n", StandardCharsets.UTF_8);
        Path dup = dir.resolve("d.jsonl");
        String rec = record("same", "p", "[\"a\"]");
        Files.writeString(dup, rec + "\n" + rec + "\n", StandardCharsets.UTF_8);
        Path binary = dir.resolve("b.jsonl");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x0A});

        String[][] cases = {
            {malformed.toString(), "malformed JSON"},
            {empty.toString(), "holds no experience records"},
            {dir.resolve("absent.jsonl").toString(), "no such file"},
            {dup.toString(), "duplicate record id 'same'"},
            {binary.toString(), "not UTF-8"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("export-sft", "--in", c[0], "--out", out.toString());
            assertEquals(Main.BAD_INPUT, r.exit, r.toString());
            assertTrue(r.err.contains(c[1]), r.err);
            assertFalse(Files.exists(out), c[0]);
        }
        Cli noOut = Cli.run("export-sft", "--in", dup.toString());
        assertEquals(Main.BAD_INPUT, noOut.exit, noOut.toString());
        assertTrue(noOut.err.contains("--out"), noOut.err);
    }

    private static String record(String id, String problem, String attempts) {
        return "{\"id\":\"" + id + "\",\"category\":\"resource\",\"focus\":\"OOMKilled\",\"problem\":\"" + problem + "\","
                + "\"context\":{\"namespace\":\"shop\",\"kind\":\"Deployment\",\"name\":\"web\",\"kubernetesVersion\":\"1.29.4\"},"
                + "\"attempts\":" + attempts + ",\"solution\":\"kubectl set resources deploy/web --limits=memory=1Gi\","
                + "\"reasoning\":\"Exit 137 is the kernel OOM killer.\",\"root_cause\":\"The memory limit is too low.\"}";
    }
}
