package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metakube.llm.qwen3.TinyCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose --model DIR} with a Qwen3 checkpoint of random weights, as a new user would try it: the model writes
 * random tokens at whatever confidence it likes, and the engine must not trust them. An integration test: decoding
 * over the real vocabulary takes about a minute of CPU.
 */
class RandomCheckpointIT {
    @TempDir
    Path dir;

    @Test
    void aRandomCheckpointIsNotTrustedAndTheTemplateAnswerComesFirst() throws IOException {
        Path model = dir.resolve("tiny-qwen3");
        TinyCheckpoint.write(model, TinyCheckpoint.TINY, 7, 1);
        JsonNode template = ModelTrustTest.diagnose();
        JsonNode random = ModelTrustTest.diagnose("--model", model.toString());
        assertEquals("qwen3:tiny-qwen3", random.get("model").asText(), random.toString());
        assertTrue(random.get("confidence").asDouble() <= 0.2, random.toPrettyString());
        assertTrue(ModelTrustTest.notes(random).stream().anyMatch(n -> n.contains("not grounded")),
                random.toPrettyString());
        // the template's cause answers; below the confidence floor it is given as the best hypothesis
        String templateCause = template.get("rootCause").asText();
        String randomCause = random.get("rootCause").asText();
        assertTrue(randomCause.equals(templateCause)
                || randomCause.startsWith("No cause established") && randomCause.contains(
                        templateCause.substring(1, Math.min(templateCause.length(), 100))), random.toPrettyString());
        boolean modelKept = false;
        for (JsonNode h : random.get("hypotheses")) {
            modelKept |= h.get("source").asText().equals("model");
        }
        assertTrue(modelKept, "the model's answer is kept as a hypothesis: " + random.toPrettyString());
    }
}
