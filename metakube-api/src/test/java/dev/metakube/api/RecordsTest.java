package dev.metakube.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    @Test
    void anIncidentNeedsSomethingToDiagnose() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Incident.builder().id("x").symptoms(" ").build());
        assertTrue(e.getMessage().contains("nothing to diagnose"), e.getMessage());
        assertEquals("incident", e.where());
        Incident ok = Incident.builder().symptoms("pods restart").build();
        assertTrue(!ok.id().isBlank(), "an id is generated");
    }

    @Test
    void errorsNameTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Signal("k", SignalKind.REASON, "v", "", 1.5));
        assertEquals("signal.strength", e.where());
        InvalidInputException c = assertThrows(InvalidInputException.class, () -> Category.parse("weather"));
        assertTrue(c.getMessage().contains("resource, network, scheduling, image, configuration, system"));
        assertThrows(InvalidInputException.class, () -> new Embedding("m", new float[] {1, Float.NaN}));
    }

    @Test
    void configurationCarriesThePaperDefaultsAndRefusesNonsense() {
        MetaKubeConfig c = MetaKubeConfig.defaults();
        assertEquals(5000, c.poolSize());
        assertEquals(0.85, c.similarityThreshold());
        assertEquals(10, c.topK());
        assertEquals(30, c.recencyScale().toDays());
        assertEquals(3, c.maxHops());
        assertEquals(0.5, c.alphaPrior());
        assertEquals(0.3, c.alphaPath());
        assertEquals(0.2, c.alphaNovelty());
        assertEquals(0.75, c.initialThreshold());
        assertEquals(0.01, c.metaLearningRate());
        assertEquals(0.6, c.errorWeight());
        assertEquals(8192, c.contextTokens());
        assertThrows(InvalidInputException.class, () -> MetaKubeConfig.builder().similarityThreshold(1.2).build());
        assertThrows(InvalidInputException.class, () -> MetaKubeConfig.builder().provider("brain", "x").build());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void feedbackThatIsNotCorrectNeedsTheTruth() {
        assertThrows(InvalidInputException.class, () -> Feedback.builder().diagnosisId("d").verdict(Verdict.INCORRECT).build());
        assertThrows(InvalidInputException.class, () -> Feedback.builder().verdict(Verdict.CORRECT).build());
        Feedback f = Feedback.builder().diagnosisId("d").verdict(Verdict.INCORRECT)
                .trueCause(Category.NETWORK, "NetworkPolicy denies egress to DNS").build();
        assertEquals(Category.NETWORK, f.category());
        assertEquals(List.of(), f.attempts());
    }
}
