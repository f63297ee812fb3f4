package dev.metakube.engine;

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
    void differentCausesDoNotMatch() {
        assertFalse(CauseMatcher.same("The memory limit is too low for the working set",
                "DNS lookups of the ledger service fail because the short name is used across namespaces"));
        assertFalse(CauseMatcher.same("", "anything at all"));
        assertFalse(CauseMatcher.same("OOM", "DNS"));
    }
}
