package dev.metakube.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.RemediationStep;
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
        assertTrue(Remediation.isDestructive("kubectl drain node-3 --ignore-daemonsets"));
        assertTrue(Remediation.isDestructive("kubectl delete pod api-1 --grace-period=0 --force"));
        assertFalse(Remediation.isDestructive("kubectl rollout restart deployment/api"));
    }

    @Test
    void proseWithoutCommandsIsOneStep() {
        List<RemediationStep> steps = Remediation.fromText("Rotate the registry credentials");
        assertEquals(1, steps.size());
        assertEquals("", steps.get(0).command());
    }
}
