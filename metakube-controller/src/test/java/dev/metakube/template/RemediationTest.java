package dev.metakube.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.RemediationStep;
import dev.metakube.command.CommandChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemediationTest {
    @Test
    void extractsCommandsFromAResolution() {
        List<RemediationStep> steps = Remediation.fromText("Raised the limit with `kubectl set resources deploy/api "
                + "-n prod --limits=memory=1Gi` and then kubectl rollout status deploy/api -n prod.");
        assertEquals(2, steps.size());
        assertEquals("kubectl set resources deploy/api -n prod --limits=memory=1Gi", steps.get(0).command());
        assertEquals("kubectl rollout status deploy/api -n prod", steps.get(1).command());
        assertTrue(steps.get(0).action().startsWith("Raised the limit"));
    }

    @Test
    void flagsDestructiveCommands() {
        assertTrue(CommandChecker.isDestructive("kubectl drain node-3 --ignore-daemonsets"));
        assertTrue(CommandChecker.isDestructive("kubectl delete pod api-1 --grace-period=0 --force"));
        assertFalse(CommandChecker.isDestructive("kubectl rollout restart deployment/api"));
    }

    @Test
    void marksUnmarkedDestructiveStepsAndLeavesTheRest() {
        List<RemediationStep> steps = CommandChecker.flagDestructive(List.of(
                new RemediationStep("Remove the stuck namespace", "kubectl delete namespace legacy", false),
                new RemediationStep("Restart", "kubectl rollout restart deployment/api -n prod", false),
                new RemediationStep("Explain", "", false)));
        assertTrue(steps.get(0).destructive());
        assertFalse(steps.get(1).destructive());
        assertFalse(steps.get(2).destructive());
        assertFalse(CommandChecker.isDestructive("kubectl describe pod deleted-records-api-0"),
                "a word inside a name is not a verb");
    }

    @Test
    void proseWithoutCommandsIsOneStep() {
        List<RemediationStep> steps = Remediation.fromText("Rotate the registry credentials");
        assertEquals(1, steps.size());
        assertEquals("", steps.get(0).command());
    }
}
