package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CauseMatcherTest {
    @Test
    void theSameFaultOnOtherObjectsMatches() {
        assertTrue(CauseMatcher.same(
                "The email-dispatch container's memory limit of 256Mi is below what the process needs at peak",
                "The ratelimiter container's memory limit of 300Mi is below what the process needs at peak"));
    }

    @Test
    void aShortStatementMatchesALongerOneThatContainsIt() {
        assertTrue(CauseMatcher.same("Memory limit too low",
                "The memory limit is too low for the working set of the container"));
    }

    @Test
    void inflectionsOfTheSameWordsMatch() {
        // 3 of 5 content words agree only once "pulls"/"pull", "rejected"/"reject" and "secrets"/"secret" do
        assertTrue(CauseMatcher.same("Image pulls rejected: no pull secrets",
                "The registry rejects the pull because the pod has no pull secret"));
        assertEquals("pull", CauseMatcher.stem("pulls"));
        assertEquals("reject", CauseMatcher.stem("rejected"));
        assertEquals("dns", CauseMatcher.stem("dns"), "short words are left alone");
    }

    @Test
    void differentCausesDoNotMatch() {
        assertFalse(CauseMatcher.same("The memory limit is too low for the working set",
                "DNS lookups of the ledger service fail because the short name is used across namespaces"));
        assertFalse(CauseMatcher.same("", "anything at all"));
        assertFalse(CauseMatcher.same("OOM", "DNS"));
    }
}
