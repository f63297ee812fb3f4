package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.engine.MetaKube;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each ablation assembles the engine with the stand-in for the part it switches off, and only that one. */
class AblationTest {
    @Test
    void eachAblationSwapsInItsStandIn() {
        Map<Ablation, String> backends = new EnumMap<>(Ablation.class);
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).seedExperience(false).build();
        for (Ablation a : Ablation.values()) {
            try (MetaKube mk = a.engine(config).build()) {
                backends.put(a, mk.stats().backends());
            }
        }
        String full = backends.get(Ablation.NONE);
        assertTrue(!full.contains("NoMemory") && !full.contains("StaticGraph") && !full.contains("AnalysisOnly"), full);
        assertTrue(backends.get(Ablation.MEMORY).contains("memory=NoMemory"), backends.get(Ablation.MEMORY));
        assertTrue(backends.get(Ablation.GRAPH).contains("graph=AnalysisOnlyGraph"), backends.get(Ablation.GRAPH));
        assertTrue(backends.get(Ablation.GRAPH_LEARNING).contains("graph=StaticGraph"),
                backends.get(Ablation.GRAPH_LEARNING));
        assertTrue(backends.get(Ablation.MEMORY_STATIC_GRAPH).contains("memory=NoMemory")
                && backends.get(Ablation.MEMORY_STATIC_GRAPH).contains("graph=StaticGraph"));
        assertTrue(backends.get(Ablation.MODEL).contains("model=template"), backends.get(Ablation.MODEL));
        assertEquals(full, backends.get(Ablation.LEARNING), "learning off changes no backend, only the learner");
    }

    @Test
    void withoutMemoryNothingIsSeeded() {
        MetaKubeConfig seeded = MetaKubeConfig.builder().dataDir(null).seedExperience(true).build();
        try (MetaKube mk = Ablation.MEMORY.engine(seeded).build()) {
            assertEquals(0, mk.stats().memory().episodes());
            assertTrue(!mk.config().seedExperience(), "there is nothing to seed");
        }
    }
}
