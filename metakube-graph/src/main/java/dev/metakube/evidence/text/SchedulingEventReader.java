package dev.metakube.evidence.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scheduler's {@code FailedScheduling} message ({@code 0/N nodes are available: ...}) into its reasons
 * and counts, and tells what the combination means: nodes that match the pod's selector but are tainted, the
 * only node that fits being full, host ports held on every node, or predicates that no common reason names.
 */
final class SchedulingEventReader implements LineReader {
    private static final Pattern AVAILABLE = Pattern.compile(
            "(\\d{1,6})/(\\d{1,6}) nodes are available: ([^\\n]{1,1500})");
    private static final Pattern REASON = Pattern.compile("^(\\d{1,6}) ([^\\n]{1,400})$");
    /** The finding that the nodes the pod's selector allows are outside its volume's zone. */
    static final String VOLUME_BEYOND_SELECTOR = "volume-node-affinity-conflict";
    /** The finding that only control-plane nodes are tainted, so another reason decides. */
    static final String CONTROL_PLANE_TAINTED = "scheduling-control-plane-tainted";
    private static final Pattern TAINT = Pattern.compile("taints?,? ?\\{([^}]{1,200})\\}");

    /** A reason of the message, classified. */
    enum Reason { TAINT, SELECTOR, POD_AFFINITY, TOO_MANY_PODS, HOST_PORTS, INSUFFICIENT, VOLUME, UNSCHEDULABLE,
        TOPOLOGY, OTHER }

    private static final Pattern YAML_KEY = Pattern.compile("^[ \\t]{0,40}-?[ \\t]{0,3}[A-Za-z][A-Za-z0-9_-]{0,60}:( |$)");
    /** Lines kept at most of a message that YAML output folded over several lines. */
    private static final int MAX_CONTINUATION = 4;

    private TextFinding found;
    /** A message whose reasons may continue on the next lines (a folded YAML scalar), and its line count. */
    private StringBuilder pending;
    private int pendingLines;

    @Override
    public void line(String line, String lower) {
        if (pending != null) {
            if (pendingLines < MAX_CONTINUATION && !line.isBlank() && Character.isWhitespace(line.charAt(0))
                    && !YAML_KEY.matcher(line).find()) {
                pending.append(' ').append(line.strip());
                pendingLines++;
                return;
            }
            read(pending.toString());
            pending = null;
        }
        if (found != null || !lower.contains("nodes are available")) {
            return;
        }
        pending = new StringBuilder(line);
        pendingLines = 0;
    }

    private void read(String line) {
        line = line.replace("''", "'");
        Matcher m = AVAILABLE.matcher(line);
        if (!m.find()) {
            return;
        }
        int total = Integer.parseInt(m.group(2));
        String reasons = m.group(3);
        int cut = reasons.indexOf(" preemption:");
        if (cut > 0) {
            reasons = reasons.substring(0, cut);
        }
        reasons = reasons.strip();
        while (reasons.endsWith(".") || reasons.endsWith("'") || reasons.endsWith("\"")) {
            reasons = reasons.substring(0, reasons.length() - 1);
        }
        Map<Reason, Integer> counts = new LinkedHashMap<>();
        String taint = null;
        boolean controlPlaneOnly = true;
        for (String part : reasons.split(", (?=\\d)")) {
            Matcher r = REASON.matcher(part.strip());
            if (!r.find()) {
                continue;
            }
            Reason kind = classify(r.group(2));
            counts.merge(kind, Integer.parseInt(r.group(1)), Integer::sum);
            if (kind == Reason.TAINT) {
                Matcher t = TAINT.matcher(r.group(2));
                String named = t.find() ? t.group(1).strip() : "";
                controlPlaneOnly &= isControlPlane(named);
                if (taint == null && !named.isEmpty()) {
                    taint = named;
                }
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        String nodes = Integer.toString(total);
        int tainted = counts.getOrDefault(Reason.TAINT, 0);
        int selector = counts.getOrDefault(Reason.SELECTOR, 0);
        int volume = counts.getOrDefault(Reason.VOLUME, 0);
        if (volume > 0 && selector > 0 && volume + selector + (controlPlaneOnly ? tainted : 0) >= total) {
            // the nodes in the volume's zone are the ones the selector refuses, the others hold no access to it
            found = TextFinding.of(VOLUME_BEYOND_SELECTOR, line, 0.95, "reasons", reasons, "nodes", nodes);
        } else if (tainted > 0 && controlPlaneOnly && counts.size() > 1) {
            // the control plane's own taint keeps ordinary pods off it on every kubeadm-style cluster: it is the
            // background of the message, and the reason the worker nodes give is the one that decides
            found = TextFinding.of(CONTROL_PLANE_TAINTED, line, 0.9, "taint", taint, "reasons", reasons,
                    "nodes", nodes, "tainted", Integer.toString(tainted));
        } else if (tainted > 0 && selector > 0 && tainted + selector >= total) {
            // every node either fails the selector or is tainted: the nodes the selector picks are the tainted ones
            found = TextFinding.of("scheduling-selected-nodes-tainted", line, 0.95, "taint", taint,
                    "reasons", reasons, "nodes", nodes, "tainted", Integer.toString(tainted));
        } else if (counts.containsKey(Reason.TOO_MANY_PODS) && counts.containsKey(Reason.POD_AFFINITY)) {
            found = TextFinding.of("scheduling-affine-node-full", line, 0.95, "reasons", reasons, "nodes", nodes);
        } else if (counts.containsKey(Reason.HOST_PORTS)) {
            found = TextFinding.of("scheduling-host-ports-taken", line, 0.9, "reasons", reasons, "nodes", nodes,
                    "scope", total == 1 ? "the single node" : "every node that fits");
        } else if (counts.containsKey(Reason.OTHER)) {
            found = TextFinding.of("scheduling-predicates-failed", line, 0.85, "reasons", reasons, "nodes", nodes);
        }
    }

    /** Whether a taint is the one that keeps ordinary pods off control-plane nodes. */
    static boolean isControlPlane(String taint) {
        String t = taint.toLowerCase(Locale.ROOT);
        return t.startsWith("node-role.kubernetes.io/control-plane") || t.startsWith("node-role.kubernetes.io/master");
    }

    static Reason classify(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("taint")) {
            return Reason.TAINT;
        }
        if (r.contains("node selector") || r.contains("node affinity/selector") || r.contains("match node affinity")
                || r.contains("nodeaffinity") && !r.contains("volume") || r.contains("matchnodeselector")) {
            return r.contains("volume") ? Reason.VOLUME : Reason.SELECTOR;
        }
        if (r.contains("pod affinity") || r.contains("anti-affinity") || r.contains("pod anti-affinity")) {
            return Reason.POD_AFFINITY;
        }
        if (r.startsWith("too many pods")) {
            return Reason.TOO_MANY_PODS;
        }
        if (r.contains("free ports") || r.contains("podfitshostports")) {
            return Reason.HOST_PORTS;
        }
        if (r.startsWith("insufficient")) {
            return Reason.INSUFFICIENT;
        }
        if (r.contains("volume") || r.contains("persistentvolumeclaim")) {
            return Reason.VOLUME;
        }
        if (r.contains("unschedulable")) {
            return Reason.UNSCHEDULABLE;
        }
        if (r.contains("topology spread")) {
            return Reason.TOPOLOGY;
        }
        return Reason.OTHER;
    }

    @Override
    public void finish(List<TextFinding> out) {
        if (pending != null) {
            read(pending.toString());
            pending = null;
        }
        if (found != null) {
            out.add(found);
        }
    }
}
