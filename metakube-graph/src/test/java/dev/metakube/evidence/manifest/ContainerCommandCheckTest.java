package dev.metakube.evidence.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCommandCheckTest {
    @Test
    void oneEditCoversInsertionDeletionSubstitutionAndSwap() {
        assertTrue(ContainerCommandCheck.oneEditApart("wgt", "wget"));
        assertTrue(ContainerCommandCheck.oneEditApart("wgett", "wget"));
        assertTrue(ContainerCommandCheck.oneEditApart("pythn", "python"));
        assertTrue(ContainerCommandCheck.oneEditApart("ecoh", "echo"));
        assertTrue(ContainerCommandCheck.oneEditApart("slep", "sleep"));
        assertTrue(ContainerCommandCheck.oneEditApart("nignx", "nginx"));
        assertFalse(ContainerCommandCheck.oneEditApart("wget", "wget"));
        assertFalse(ContainerCommandCheck.oneEditApart("gwte", "wget"));
        assertFalse(ContainerCommandCheck.oneEditApart("server", "sleep"));
    }

    @Test
    void realProgramsAndOwnBinariesAreNotTypos() {
        assertEquals("wget", ContainerCommandCheck.intended("wgte"));
        assertEquals("python3", ContainerCommandCheck.intended("pyhton3"));
        for (String real : List.of("wget", "dash", "nodejs", "javac", "sh", "app", "server", "/bin/wgt", "./run",
                "Wgt", "entrypoint")) {
            assertNull(ContainerCommandCheck.intended(real), real);
        }
    }

    @Test
    void theFirstProgramOfAShellScriptIsChecked() {
        ManifestSet set = new ManifestParser().parse(CheckFamiliesTest.deployment("web", 1,
                CheckFamiliesTest.CONTAINER + "  command: [sh, -c, 'crul -sf http://api:8080/ && sleep 3600']\n"));
        List<Finding> findings = new ContainerCommandCheck().check(set);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("crul", findings.get(0).values().get("command"));
        assertEquals("curl", findings.get(0).values().get("intended"));
    }

    @Test
    void aLoopThatFreesOrLeavesIsNoLeak() {
        for (String body : List.of("items.append(x)\\n    break", "items.append(x)\\n    items.pop(0)",
                "count += 1", "print(x)")) {
            ManifestSet set = new ManifestParser().parse(CheckFamiliesTest.deployment("web", 1,
                    CheckFamiliesTest.CONTAINER + "  command: [python3, -c, \"while True:\\n    " + body + "\\n\"]\n"));
            assertTrue(new ContainerCommandCheck().check(set).isEmpty(), body);
        }
    }
}
