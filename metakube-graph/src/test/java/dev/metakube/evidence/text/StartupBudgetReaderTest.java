package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;

import org.junit.jupiter.api.Test;

/** A liveness probe that kills an application before it has started, read from describe output and logs. */
class StartupBudgetReaderTest {
    private static final String DESCRIBE = text("Containers:", "  ledger:",
            "    Last State:     Terminated",
            "      Reason:       Error",
            "      Exit Code:    143",
            "      Started:      Tue, 04 Mar 2025 08:10:00 +0000",
            "      Finished:     Tue, 04 Mar 2025 08:10:31 +0000",
            "    Liveness:   http-get http://:9000/health delay=10s timeout=1s period=5s #success=1 #failure=4",
            "Events:",
            "  Normal   Killing    1m (x6 over 5m)  kubelet  Container ledger failed liveness probe, will be restarted");

    @Test
    void anApplicationSlowerThanTheLivenessBudgetIsKilledWhileStarting() {
        TextFinding f = found(DESCRIBE + "\n2025-03-03T11:00:41Z INFO Started LedgerApplication in 52.7 seconds "
                + "(process running for 54.1)", "probe-kills-before-start");
        value(f, "budget", "30s");
        value(f, "startup", "53s");
        value(f, "container", "ledger");
        // no start-up time logged: each run ending when the budget runs out tells the same
        value(found(DESCRIBE, "probe-kills-before-start"), "startup", "more than 30s");
    }

    @Test
    void anOomKillAfterHoursOfRunningIsMemoryThatGrew() {
        String oom = text("    Last State:     Terminated", "      Reason:       OOMKilled", "      Exit Code:    137",
                "      Started:      Tue, 04 Mar 2025 02:00:00 +0000",
                "      Finished:     Tue, 04 Mar 2025 07:45:10 +0000");
        value(found(oom, "memory-growth"), "uptime", "5h45m");
        notFound(oom.replace("07:45:10", "02:01:10"), "memory-growth");
        notFound(oom.replace("OOMKilled", "Error"), "memory-growth");
    }

    @Test
    void aStartupProbeOrAFastStartOrNoKillIsNotThisFault() {
        notFound(DESCRIBE.replace("Events:", "    Startup:    http-get http://:9000/health delay=0s timeout=1s "
                + "period=10s #success=1 #failure=30\nEvents:"), "probe-kills-before-start");
        notFound(DESCRIBE.replace("08:10:31", "08:40:31") + "\nINFO Started LedgerApplication in 8.2 seconds",
                "probe-kills-before-start");
        notFound(DESCRIBE.replace("Container ledger failed liveness probe, will be restarted", "Pulled image"),
                "probe-kills-before-start");
    }
}
