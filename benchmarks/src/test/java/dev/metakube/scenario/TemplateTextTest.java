package dev.metakube.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTextTest {
    @Test
    void substitutesVariablesAndChoosesAlternatives() {
        Set<String> seen = new HashSet<>();
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            seen.add(TemplateText.render("[[a|b ${x}]]-${x}", Map.of("x", "7"), r));
        }
        assertEquals(Set.of("a-7", "b 7-7"), seen);
    }

    @Test
    void unknownVariableAndUnclosedBracketFailWithTheTemplateNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TemplateText.render("pod ${nope}", Map.of(), new Random(1)));
        assertTrue(e.getMessage().contains("${nope}"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TemplateText.render("x [[a|b", Map.of(), new Random(1)));
        assertThrows(IllegalStateException.class, () -> TemplateText.render("x ${a", Map.of("a", "1"), new Random(1)));
    }

    @Test
    void textWithoutMarkersIsUnchanged() {
        assertEquals("kubectl get pods -o {.items}", TemplateText.render("kubectl get pods -o {.items}", Map.of(),
                new Random(3)));
    }
}
