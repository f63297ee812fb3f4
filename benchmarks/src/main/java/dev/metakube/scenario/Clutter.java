package dev.metakube.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What surrounds a fault in real evidence and has nothing to do with it: routine events, healthy pods,
 * chatty log lines, a second unhealthy pod that is not the cause, and warnings from days ago.
 */
final class Clutter {
    private static final List<String> BYSTANDER_APPS = List.of(
            "nightly-export", "db-backup", "cache-warmer", "report-mailer", "sitemap-builder", "index-compactor",
            "token-rotator", "usage-rollup", "log-shipper-test", "legacy-sync");
    private static final List<String> HEALTHY_APPS = List.of(
            "frontend", "gateway", "worker", "scheduler", "api", "admin-ui", "webhook-relay", "docs", "status-page");

    private Clutter() {
    }

    /** One event row before formatting; {@code ageSeconds} orders the table. */
    record Event(long ageSeconds, String type, String reason, String object, String message) {
    }

    /** A {@code kubectl get pods} table with the affected pod, its replicas, bystanders and one distractor. */
    static String podTable(Random r, Map<String, String> v, String state, String ready, boolean replicasShare) {
        List<String[]> rows = new ArrayList<>();
        boolean crashing = state.contains("CrashLoop") || state.equals("Error") || state.equals("OOMKilled");
        String restarts = crashing ? v.get("restarts") + " (" + (1 + r.nextInt(4)) + "m ago)" : "0";
        String age = (10 + r.nextInt(50)) + "m";
        rows.add(new String[] {v.get("pod"), ready, state, restarts, age});
        rows.add(new String[] {v.get("pod2"), replicasShare ? ready : "1/1", replicasShare ? state : "Running",
            replicasShare ? restarts : "0", age});
        int healthy = 1 + r.nextInt(3);
        for (int i = 0; i < healthy; i++) {
            String app = Dress.pick(r, HEALTHY_APPS);
            rows.add(new String[] {app + "-" + Dress.hash(r, 9) + "-" + Dress.hash(r, 5), "1/1", "Running",
                Integer.toString(r.nextInt(3)), (1 + r.nextInt(30)) + "d"});
        }
        rows.add(distractorRow(r));
        // kubectl sorts by name
        rows.sort(Comparator.comparing(a -> a[0]));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-44s %-6s %-26s %-14s %s%n", "NAME", "READY", "STATUS", "RESTARTS",
                "AGE"));
        for (String[] row : rows) {
            b.append(String.format(Locale.ROOT, "%-44s %-6s %-26s %-14s %s%n", (Object[]) row));
        }
        return b.toString().replace("\r", "");
    }

    private static String[] distractorRow(Random r) {
        String app = Dress.pick(r, BYSTANDER_APPS);
        String pod = app + "-" + (28000000 + r.nextInt(900000)) + "-" + Dress.hash(r, 5);
        return switch (r.nextInt(4)) {
            case 0 -> new String[] {pod, "0/1", "Error", "0", (3 + r.nextInt(20)) + "h"};
            case 1 -> new String[] {pod, "0/1", "Completed", "0", (1 + r.nextInt(12)) + "h"};
            case 2 -> new String[] {app + "-" + Dress.hash(r, 9) + "-" + Dress.hash(r, 5), "0/1", "Evicted", "0",
                (2 + r.nextInt(5)) + "d"};
            default -> new String[] {app + "-" + Dress.hash(r, 9) + "-" + Dress.hash(r, 5), "0/1",
                "CrashLoopBackOff", (150 + r.nextInt(900)) + " (" + (2 + r.nextInt(20)) + "m ago)",
                (5 + r.nextInt(30)) + "d"};
        };
    }

    /** Routine events about other objects, from the last two hours. */
    static List<Event> routineEvents(Random r, Map<String, String> v) {
        List<Event> out = new ArrayList<>();
        String other = Dress.pick(r, HEALTHY_APPS);
        String otherPod = other + "-" + Dress.hash(r, 9) + "-" + Dress.hash(r, 5);
        long base = 600 + r.nextInt(6000);
        out.add(new Event(base + 40, "Normal", "Scheduled", "pod/" + otherPod,
                "Successfully assigned " + v.get("ns") + "/" + otherPod + " to " + v.get("node2")));
        out.add(new Event(base + 38, "Normal", "Pulled", "pod/" + otherPod,
                "Container image \"" + v.get("registry") + "/" + other + ":" + (1 + r.nextInt(3)) + "."
                        + r.nextInt(9) + ".0\" already present on machine"));
        out.add(new Event(base + 37, "Normal", "Created", "pod/" + otherPod, "Created container " + other));
        out.add(new Event(base + 36, "Normal", "Started", "pod/" + otherPod, "Started container " + other));
        if (r.nextBoolean()) {
            out.add(new Event(base + 45, "Normal", "ScalingReplicaSet", "deployment/" + other,
                    "Scaled up replica set " + other + "-" + Dress.hash(r, 9) + " to " + (2 + r.nextInt(3))));
        }
        if (r.nextBoolean()) {
            out.add(new Event(60 + r.nextInt(1200), "Normal", "SuccessfulCreate", "cronjob/" + Dress.pick(r,
                    BYSTANDER_APPS), "Created job " + Dress.pick(r, BYSTANDER_APPS) + "-" + (28000000
                    + r.nextInt(900000))));
        }
        return out;
    }

    /** One stale warning, days old, about something else. */
    static Event oldWarning(Random r, Map<String, String> v) {
        long age = 86400L * (2 + r.nextInt(5)) + 3600L * r.nextInt(20);
        String bystander = Dress.pick(r, BYSTANDER_APPS) + "-" + Dress.hash(r, 9) + "-" + Dress.hash(r, 5);
        return switch (r.nextInt(6)) {
            case 0 -> new Event(age, "Warning", "Unhealthy", "pod/" + bystander,
                    "Readiness probe failed: HTTP probe failed with statuscode: 503");
            case 1 -> new Event(age, "Warning", "BackOff", "pod/" + bystander, "Back-off restarting failed container");
            case 2 -> new Event(age, "Warning", "DNSConfigForming", "pod/" + bystander,
                    "Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line"
                            + " is: 10.96.0.10 10.0.0.2 10.0.0.3");
            case 3 -> new Event(age, "Warning", "Rebooted", "node/" + v.get("node3"),
                    "Node " + v.get("node3") + " has been rebooted, boot id: " + Dress.hex(r, 8) + "-"
                            + Dress.hex(r, 4) + "-" + Dress.hex(r, 4) + "-" + Dress.hex(r, 4) + "-"
                            + Dress.hex(r, 12));
            case 4 -> new Event(age, "Warning", "FailedKillPod", "pod/" + bystander,
                    "error killing pod: failed to \"KillPodSandbox\" for \"" + Dress.hex(r, 8)
                            + "\" with KillPodSandboxError: \"rpc error: code = DeadlineExceeded\"");
            default -> new Event(age, "Warning", "ProbeWarning", "pod/" + bystander,
                    "Readiness probe warning: Get \"/healthz\": context deadline exceeded (Client.Timeout exceeded)");
        };
    }

    /** Formats events as {@code kubectl get events} prints them, oldest first. */
    static String eventTable(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::ageSeconds).reversed());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-10s %-8s %-26s %-50s %s%n", "LAST SEEN", "TYPE", "REASON", "OBJECT",
                "MESSAGE"));
        for (Event e : sorted) {
            b.append(String.format(Locale.ROOT, "%-10s %-8s %-26s %-50s %s%n", age(e.ageSeconds()), e.type(),
                    e.reason(), e.object(), e.message()));
        }
        return b.toString().replace("\r", "");
    }

    /** Formats an age the way kubectl does: {@code 45s}, {@code 3m12s}, {@code 2h10m}, {@code 3d4h}. */
    static String age(long s) {
        if (s < 120) {
            return s + "s";
        }
        if (s < 600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 3 * 3600) {
            long m = s / 60;
            return m < 60 ? m + "m" : (m / 60) + "h" + (m % 60) + "m";
        }
        if (s < 2 * 86400) {
            return (s / 3600) + "h";
        }
        return (s / 86400) + "d" + ((s % 86400) / 3600) + "h";
    }

    /** Chatty log lines of a healthy process, some of them mildly alarming. */
    static String logNoise(Random r, Map<String, String> v) {
        List<String> lines = List.of(
                "INFO  starting " + v.get("app") + " build " + v.get("tag"),
                "INFO  loaded 14 feature flags from defaults",
                "DEBUG connection pool stats active=" + r.nextInt(8) + " idle=" + r.nextInt(12) + " waiting=0",
                "WARN  configuration key 'server.legacy-mode' is deprecated and ignored",
                "INFO  GET /healthz 200 " + (1 + r.nextInt(9)) + "ms",
                "INFO  metrics endpoint listening on :9102",
                "WARN  slow request GET /api/v1/items took " + (900 + r.nextInt(900)) + "ms",
                "INFO  cache warm-up finished in " + (2 + r.nextInt(30)) + "s",
                "DEBUG gc pause young " + (3 + r.nextInt(40)) + "ms");
        int n = 2 + r.nextInt(4);
        StringBuilder b = new StringBuilder();
        int second = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            second += 1 + r.nextInt(9);
            b.append(v.get("log_ts")).append(':').append(String.format(Locale.ROOT, "%02d", second % 60))
                    .append(' ').append(lines.get(r.nextInt(lines.size()))).append('\n');
        }
        return b.toString();
    }

    /** The header of {@code kubectl describe pod} up to the containers section. */
    static String describeHead(Map<String, String> v, String phase) {
        boolean pending = phase.equals("Pending");
        return "Name:             " + v.get("pod") + "\n"
                + "Namespace:        " + v.get("ns") + "\n"
                + "Priority:         0\n"
                + "Service Account:  " + v.get("sa") + "\n"
                + "Node:             " + (pending ? "<none>" : v.get("node") + "/" + v.get("node_ip")) + "\n"
                + (pending ? "" : "Start Time:       " + v.get("date") + "\n")
                + "Labels:           app=" + v.get("app") + "\n"
                + "                  pod-template-hash=" + v.get("rs").substring(v.get("app").length() + 1) + "\n"
                + "Annotations:      <none>\n"
                + "Status:           " + phase + "\n"
                + "IP:               " + (pending ? "" : v.get("pod_ip")) + "\n"
                + "Controlled By:    ReplicaSet/" + v.get("rs");
    }
}
