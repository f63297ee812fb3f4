package dev.metakube.memory.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pattern's canonical cause abstracts over its members' templates. */
class TemplateAbstractionTest {
    private static Map<String, Double> counts(Object... textAndCount) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < textAndCount.length; i += 2) {
            m.put((String) textAndCount[i], ((Number) textAndCount[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void aValueOneMemberLeftConcreteTakesTheSlotAnotherMemberHasThere() {
        String majority = "The Secret cart-creds lacks the key {key} that {workload} reads.";
        Map<String, Double> members = counts(majority, 2, "The Secret {secret} lacks the key {key} that {workload} reads.", 1);
        assertEquals("The Secret {secret} lacks the key {key} that {workload} reads.",
                TemplateAbstraction.over(majority, members));
    }

    @Test
    void valuesThatDifferBetweenMembersBecomeAGenericSlot() {
        String majority = "ml-serving's hard podAntiAffinity cannot be satisfied for 3 replicas on 2 nodes.";
        Map<String, Double> members = counts(majority, 1,
                "search-api's hard podAntiAffinity cannot be satisfied for 4 replicas on 2 nodes.", 1);
        assertEquals("{value} hard podAntiAffinity cannot be satisfied for {value} replicas on 2 nodes.",
                TemplateAbstraction.over(majority, members));
    }

    @Test
    void differentStatementsAndASingleMemberAreLeftAlone() {
        String majority = "The image tag v1.2 does not exist in the registry";
        assertEquals(majority, TemplateAbstraction.over(majority, counts(majority, 3)));
        assertEquals(majority, TemplateAbstraction.over(majority, counts(majority, 2,
                "The registry rejects the pull: the credentials expired last week", 1)));
        assertEquals(majority, TemplateAbstraction.over(majority, counts(majority, 2,
                "The node ran out of disk space so kubelet evicted pods", 1)));
    }
}
