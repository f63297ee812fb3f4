package dev.metakube.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.EvidenceAnalyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EvidenceAnalyzer} must have. Extend it and implement {@link #createAnalyzer()};
 * each test gets a fresh analyzer.
 */
public abstract class EvidenceAnalyzerContract {
    protected EvidenceAnalyzer analyzer;

    /** A fresh analyzer with the implementation's base vocabulary. */
    protected abstract EvidenceAnalyzer createAnalyzer();

    @BeforeEach
    void open() {
        analyzer = createAnalyzer();
    }

    @AfterEach
    void close() {
        analyzer.close();
    }

    @Test
    void anOomKilledContainerYieldsSignals() {
        EvidenceAnalysis a = analyzer.analyze(Fixtures.oomIncident());
        assertFalse(a.signals().isEmpty(), "an OOMKilled describe yields signals");
        // observations strongest first; mentions of objects may follow them
        var observations = a.signals().stream().filter(x -> x.kind() != SignalKind.OBJECT).toList();
        assertFalse(observations.isEmpty());
        for (int i = 1; i < observations.size(); i++) {
            assertTrue(observations.get(i - 1).strength() >= observations.get(i).strength(), "strongest first");
        }
        assertEquals(Fixtures.oomIncident().id(), a.incident().id(), "the analysis is of the incident given");
    }

    @Test
    void differentFaultsYieldDifferentSignals() {
        var oom = analyzer.analyze(Fixtures.oomIncident()).signals().stream().map(Signal::key).toList();
        var pull = analyzer.analyze(Fixtures.imagePullIncident()).signals().stream().map(Signal::key).toList();
        assertFalse(pull.isEmpty());
        assertFalse(oom.equals(pull), "an image pull failure is not read as an OOM kill");
    }

    @Test
    void oddInputDoesNotThrow() {
        Incident i = Incident.builder().id("odd").symptoms("\u0000\uFFFF ((((((((((((((((((((a+)+)+)+ ]]]")
                .evidence(Evidence.text("x".repeat(100_000))).build();
        EvidenceAnalysis a = analyzer.analyze(i);
        assertTrue(a.incident().allText().length() > 0);
    }

    @Test
    void aBareSymptomIsEnough() {
        EvidenceAnalysis a = analyzer.analyze(Incident.builder().id("bare").symptoms("pod restarts").build());
        assertEquals("bare", a.incident().id());
    }
}
