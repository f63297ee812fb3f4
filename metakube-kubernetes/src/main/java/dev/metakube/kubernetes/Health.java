package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;

/** What makes a Pod unhealthy, in the words a person on call uses. */
final class Health {
    /** Restarts from which a running, ready Pod still counts as restarting. */
    static final int RESTARTS = 3;

    private Health() {
    }

    static boolean unhealthy(Pod p) {
        return problem(p) != null;
    }

    /** Why the Pod is unhealthy, or null when it is not (succeeded, or running and ready with few restarts). */
    static String problem(Pod p) {
        if (p.getStatus() == null) {
            return "has no status";
        }
        String phase = String.valueOf(p.getStatus().getPhase());
        if (phase.equals("Succeeded")) {
            return null;
        }
        for (ContainerStatus cs : statuses(p)) {
            if (cs.getState() != null && cs.getState().getWaiting() != null
                    && cs.getState().getWaiting().getReason() != null
                    && !cs.getState().getWaiting().getReason().equals("ContainerCreating")
                    && !cs.getState().getWaiting().getReason().equals("PodInitializing")) {
                return "container " + cs.getName() + " " + cs.getState().getWaiting().getReason();
            }
            if (cs.getState() != null && cs.getState().getTerminated() != null
                    && cs.getState().getTerminated().getExitCode() != null
                    && cs.getState().getTerminated().getExitCode() != 0) {
                return "container " + cs.getName() + " terminated: " + cs.getState().getTerminated().getReason()
                        + " (exit code " + cs.getState().getTerminated().getExitCode() + ")";
            }
        }
        if (phase.equals("Pending")) {
            return "Pending" + (p.getSpec() != null && p.getSpec().getNodeName() == null ? ", not scheduled" : "");
        }
        if (phase.equals("Failed")) {
            return "Failed" + (p.getStatus().getReason() == null ? "" : ": " + p.getStatus().getReason());
        }
        for (ContainerStatus cs : statuses(p)) {
            if (cs.getRestartCount() != null && cs.getRestartCount() >= RESTARTS) {
                return "container " + cs.getName() + " restarted " + cs.getRestartCount() + " times";
            }
        }
        if (p.getStatus().getConditions() != null) {
            for (PodCondition c : p.getStatus().getConditions()) {
                if (c.getType().equals("Ready") && "False".equals(c.getStatus())) {
                    return "not ready" + (c.getReason() == null ? "" : ": " + c.getReason());
                }
            }
        }
        return null;
    }

    static List<ContainerStatus> statuses(Pod p) {
        List<ContainerStatus> all = new ArrayList<>();
        if (p.getStatus() != null && p.getStatus().getInitContainerStatuses() != null) {
            all.addAll(p.getStatus().getInitContainerStatuses());
        }
        if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
            all.addAll(p.getStatus().getContainerStatuses());
        }
        return all;
    }
}
