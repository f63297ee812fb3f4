package dev.metakube.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 loop: a child JVM records episodes and prints each acknowledged id; this process writes every
 * acknowledgement to a log file as it arrives (outside the child), kills the child with SIGKILL at a random
 * moment, and at the end checks that every acknowledged id is in the recovered store.
 */
class CrashRecoveryIT {
    private static final int ROUNDS = 5;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedRecordSurvivesKillMinusNine() throws Exception {
        Path data = tmp.resolve("memory");
        Path ackLog = tmp.resolve("acknowledged.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(2026);
        int acknowledged = 0;
        try (Writer log = Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8)) {
            for (int round = 0; round < ROUNDS; round++) {
                Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        CrashWriter.class.getName(), data.toString(), String.valueOf(round))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                long killAt = -1;
                int opened = -1;
                int acksThisRound = 0;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("OPEN ")) {
                            opened = Integer.parseInt(line.substring(5));
                            killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(700));
                        } else if (line.startsWith("ACK ")) {
                            log.write(line.substring(4));
                            log.write('\n');
                            acksThisRound++;
                        }
                        if (killAt > 0 && System.nanoTime() >= killAt && p.isAlive()) {
                            // SIGKILL: no shutdown hooks, no close(); keep reading what it printed before dying
                            Process kill = new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start();
                            assertEquals(0, kill.waitFor(), "kill -9");
                            killAt = Long.MAX_VALUE;
                        }
                    }
                }
                log.flush();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child exits after SIGKILL");
                assertTrue(opened >= acknowledged, "round " + round + " reopened with " + opened
                        + " episodes, " + acknowledged + " were acknowledged before");
                assertTrue(acksThisRound > 0, "round " + round + " acknowledged something");
                acknowledged += acksThisRound;
            }
        }
        List<String> ids = new ArrayList<>(Files.readAllLines(ackLog, StandardCharsets.UTF_8));
        assertEquals(acknowledged, ids.size());
        try (EpmnStore store = EpmnStore.open(data, EpmnSettings.defaults())) {
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                if (store.find(id).isEmpty()) {
                    missing.add(id);
                }
            }
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged records lost, e.g. "
                    + missing.subList(0, Math.min(5, missing.size())));
            assertTrue(store.stats().episodes() >= ids.size());
        }
    }
}
