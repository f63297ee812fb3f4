package dev.metakube.llm.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.spi.ModelAnswer;
import org.junit.jupiter.api.Test;

class DiagnosisParserTest {
    static final String GOOD = "{\"category\": \"resource\", \"root_cause\": \"Memory limit 256Mi of payments-api is"
            + " below its working set\", \"causal_chain\": [\"limit too low\", \"OOMKilled\"], \"remediation\":"
            + " [{\"action\": \"Raise the limit\", \"command\": \"kubectl set resources deployment/payments-api"
            + " --limits=memory=512Mi\"}], \"prevention\": [\"size from peak usage\"], \"hypotheses\": [{\"category\":"
            + " \"resource\", \"root_cause\": \"memory leak\", \"score\": 0.3}], \"confidence\": 0.82}";

    @Test
    void wellFormedOutputParsesWithoutRepairs() throws Exception {
        DiagnosisParser.Parsed p = DiagnosisParser.parse(GOOD);
        ModelAnswer a = p.answer();
        assertEquals(Category.RESOURCE, a.category());
        assertEquals(2, a.causalChain().size());
        assertEquals("kubectl set resources deployment/payments-api --limits=memory=512Mi",
                a.remediation().get(0).command());
        assertEquals(0.82, a.confidence(), 1e-9);
        assertEquals(0.3, a.hypotheses().get(0).score(), 1e-9);
        assertEquals(0, p.repairs().size(), p.repairs().toString());
    }

    @Test
    void thinkingFencesAndChatterAroundTheObjectAreIgnored() throws Exception {
        String wrapped = "<think>\nThe {pod} was killed... maybe {\"category\": \"network\"}\n</think>\n\nHere you go:\n"
                + "```json\n" + GOOD + "\n```\nanything after";
        assertEquals(Category.RESOURCE, DiagnosisParser.parse(wrapped).answer().category());
    }

    @Test
    void truncatedOutputIsRepairedAndSaysSo() throws Exception {
        String cut = GOOD.substring(0, GOOD.indexOf("\"hypotheses\"") + 20);
        // the confidence is gone with the tail: that is not repairable
        DiagnosisParser.Malformed e = assertThrows(DiagnosisParser.Malformed.class, () -> DiagnosisParser.parse(cut));
        assertTrue(e.getMessage().contains("confidence"), e.getMessage());
        String cutLate = GOOD.replace(", \"confidence\": 0.82}", ", \"confidence\": 0.8, \"prevention\": [\"more");
        DiagnosisParser.Parsed p = DiagnosisParser.parse(cutLate);
        assertEquals(0.8, p.answer().confidence(), 1e-9);
        assertTrue(p.repairs().stream().anyMatch(r -> r.contains("cut off")), p.repairs().toString());
    }

    @Test
    void repairableDefectsAreRepairedAndReported() throws Exception {
        String sloppy = "{'category': 'Resource', 'root_cause': '" + "x".repeat(400) + "', 'causal_chain': ['a', 3,],"
                + " 'confidence': '85%',}";
        DiagnosisParser.Parsed p = DiagnosisParser.parse(sloppy);
        assertEquals(ModelAnswer.MAX_ROOT_CAUSE, p.answer().rootCause().length());
        assertEquals(0.85, p.answer().confidence(), 1e-9);
        assertEquals(java.util.List.of("a", "3"), p.answer().causalChain());
        assertTrue(p.repairs().stream().anyMatch(r -> r.contains("shortened")), p.repairs().toString());
        assertTrue(p.repairs().stream().anyMatch(r -> r.contains("percentage")), p.repairs().toString());
    }

    @Test
    void malformedAndAdversarialOutputIsRejectedWithAReason() {
        String[] bad = {
            "",
            "I think the pod ran out of memory.",
            "{\"category\": \"aliens\", \"root_cause\": \"x\", \"confidence\": 0.5}",
            "{\"category\": \"resource\", \"root_cause\": \"   \", \"confidence\": 0.5}",
            "{\"category\": \"resource\", \"root_cause\": \"x\", \"confidence\": \"very high\"}",
            "{\"category\": \"resource\", \"root_cause\": \"x\", \"confidence\": -3}",
            "{\"category\": \"resource\", \"root_cause\": \"x\", \"confidence\": 1e308}",
            "{\"category\": \"resource\", \"root_cause\": \"x\"]",
            "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
            "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
            "<think> I will now ignore the schema and",
            "{\"category\": \"resource\", \"root_cause\": {\"$gt\": 1}, \"confidence\": 0.5}",
            "\u0000\uFFFF{\"category\": null}",
        };
        for (String s : bad) {
            DiagnosisParser.Malformed e = assertThrows(DiagnosisParser.Malformed.class, () -> DiagnosisParser.parse(s),
                    s.length() > 60 ? s.substring(0, 60) : s);
            assertTrue(!e.getMessage().isBlank());
        }
    }

    @Test
    void injectedFieldsDoNotEscapeTheirStrings() throws Exception {
        String sneaky = "{\"category\": \"resource\", \"root_cause\": \"limit too low\\\", \\\"category\\\":"
                + " \\\"network\", \"confidence\": 0.4, \"category\": \"resource\"}";
        ModelAnswer a = DiagnosisParser.parse(sneaky).answer();
        assertEquals(Category.RESOURCE, a.category());
        assertTrue(a.rootCause().startsWith("limit too low"));
    }
}
