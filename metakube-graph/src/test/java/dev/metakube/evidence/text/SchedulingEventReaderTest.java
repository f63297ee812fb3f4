package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SchedulingEventReaderTest {
    @Test
    void nodesThatMatchTheSelectorAreTainted() {
        TextFinding f = found("  Warning  FailedScheduling  12s  default-scheduler  0/6 nodes are available: "
                + "2 node(s) had untolerated taint {dedicated: gpu}, 4 node(s) didn't match Pod's node affinity/selector.",
                "scheduling-selected-nodes-tainted");
        value(f, "taint", "dedicated: gpu");
        value(f, "nodes", "6");
        notFound("0/6 nodes are available: 6 Insufficient cpu.", "scheduling-selected-nodes-tainted");
    }

    @Test
    void theControlPlaneTaintIsBackgroundWhenTheWorkersGiveAnotherReason() {
        TextFinding f = found("  Warning  FailedScheduling  2m  default-scheduler  0/5 nodes are available: 1 node(s) "
                + "had untolerated taint {node-role.kubernetes.io/control-plane: }, 4 node(s) didn't match Pod's node "
                + "affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
                "scheduling-control-plane-tainted");
        value(f, "tainted", "1");
        notFound("0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                + "4 node(s) didn't match Pod's node affinity/selector.", "scheduling-selected-nodes-tainted");
        found("0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't "
                + "tolerate, 3 node(s) didn't match pod anti-affinity rules.", "scheduling-control-plane-tainted");
        // a single control-plane node, or a worker taint beside it: the taint itself is the reason
        notFound("0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.",
                "scheduling-control-plane-tainted");
        notFound("0/6 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                + "2 node(s) had untolerated taint {dedicated: search}, 3 node(s) didn't match Pod's node "
                + "affinity/selector.", "scheduling-control-plane-tainted");
    }

    @Test
    void nodesTheSelectorAllowsAreOutsideTheVolumesZone() {
        found("0/6 nodes are available: 2 node(s) had volume node affinity conflict, 4 node(s) didn't match Pod's "
                + "node affinity/selector.", "volume-node-affinity-conflict");
        notFound("0/6 nodes are available: 2 node(s) had volume node affinity conflict, 1 Insufficient cpu, 3 node(s) "
                + "didn't match Pod's node affinity/selector.", "volume-node-affinity-conflict");
    }

    @Test
    void messageFoldedOverLinesByYaml() {
        TextFinding f = found(text(
                "      message: '0/4 nodes are available: 1 Too many pods, 3 node(s) didn''t match pod",
                "        affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful.'",
                "      reason: Unschedulable"), "scheduling-affine-node-full");
        value(f, "reasons", "1 Too many pods, 3 node(s) didn't match pod affinity rules");
    }

    @Test
    void hostPortsOnASingleNode() {
        value(found("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
                "scheduling-host-ports-taken"), "scope", "the single node");
    }

    @Test
    void predicatesWithoutACommonReason() {
        value(found("0/5 nodes are available: 2 NoVolumeZoneConflict, 3 CheckCustomPredicate.",
                "scheduling-predicates-failed"), "reasons", "2 NoVolumeZoneConflict, 3 CheckCustomPredicate");
        notFound("0/3 nodes are available: 3 Insufficient memory.", "scheduling-predicates-failed");
    }

    @Test
    void reasonsAreClassified() {
        assertEquals(SchedulingEventReader.Reason.INSUFFICIENT, SchedulingEventReader.classify("Insufficient cpu"));
        assertEquals(SchedulingEventReader.Reason.VOLUME,
                SchedulingEventReader.classify("node(s) had volume node affinity conflict"));
        assertEquals(SchedulingEventReader.Reason.SELECTOR,
                SchedulingEventReader.classify("node(s) didn't match node selector"));
        assertEquals(SchedulingEventReader.Reason.TAINT,
                SchedulingEventReader.classify("node(s) had taint {node.kubernetes.io/not-ready: }, that the pod didn't tolerate"));
    }
}
