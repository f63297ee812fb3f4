package dev.metakube.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.evidence.manifest.ManifestParser;
import dev.metakube.evidence.manifest.PodRequests;
import dev.metakube.evidence.manifest.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pod's request as the scheduler counts it, quoted by scheduling causes. */
class PodRequestsTest {
    private static Workload workload(String containers) {
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ledger\nspec:\n  template:\n"
                + "    metadata:\n      labels:\n        app: ledger\n    spec:\n" + containers;
        return new ManifestParser().parse(yaml).workloads().get(0);
    }

    private static String container(String name, String section, String cpu, String memory) {
        return "      - name: " + name + "\n        image: ledger:1.4\n        resources:\n          requests:\n"
                + (cpu == null ? "" : "            cpu: \"" + cpu + "\"\n")
                + (memory == null ? "" : "            memory: " + memory + "\n");
    }

    @Test
    void oneContainerIsQuotedAsWritten() {
        Workload w = workload("      containers:\n" + container("app", "containers", "2", "4Gi"));
        assertEquals(Optional.of("2"), PodRequests.of(w, "cpu"));
        assertEquals(Optional.of("4Gi"), PodRequests.of(w, "memory"));
    }

    @Test
    void containersAddUpAndALargerInitContainerDecides() {
        Workload w = workload("      containers:\n" + container("app", "containers", "500m", "1Gi")
                + container("proxy", "containers", "1500m", "512Mi"));
        assertEquals(Optional.of("2"), PodRequests.of(w, "cpu"));
        assertEquals(Optional.of("1536Mi"), PodRequests.of(w, "memory"));

        Workload odd = workload("      containers:\n" + container("app", "containers", "250m", null)
                + container("proxy", "containers", "100m", null));
        assertEquals(Optional.of("350m"), PodRequests.of(odd, "cpu"));
        assertEquals(Optional.empty(), PodRequests.of(odd, "memory"));

        Workload init = workload("      initContainers:\n" + container("migrate", "initContainers", "3", null)
                + "      containers:\n" + container("app", "containers", "1", null));
        assertEquals(Optional.of("3"), PodRequests.of(init, "cpu"));
    }

    @Test
    void theAnalysisNamesTheRequestForTheCause() {
        Map<String, String> named = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        new ManifestChecker().check("apiVersion: v1\nkind: Pod\nmetadata:\n  name: batch-7\nspec:\n  containers:\n"
                + "  - name: main\n    image: busybox\n    resources:\n      requests:\n        cpu: \"3\"\n"
                + "        memory: 12Gi\n", notes, named);
        assertEquals("3", named.get("cpurequest"));
        assertEquals("12Gi", named.get("memoryrequest"));
        assertTrue(notes.stream().noneMatch(n -> n.contains("Exception")), notes.toString());
    }
}
