package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.memory.EpmnProvider;
import dev.metakube.spi.MemoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one data directory: started at the same moment, one owns it and the other is refused with a
 * message naming the owner; a third, asked to wait, gets the directory when the owner closes. Each owner runs
 * 20 rounds of diagnose + feedback; on reopen every acknowledged feedback's episode is there.
 */
class DataDirectoryOwnerIT {
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    /** A child JVM and its standard streams. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final Writer in;
        final long pid;

        Child(Path dir, String name, String wait) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    DataDirectoryOwnerChild.class.getName(), dir.toString(), name, wait, String.valueOf(ROUNDS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), "child " + name + " started: " + ready);
            pid = Long.parseLong(ready.substring(6));
        }

        void send(String word) throws IOException {
            in.write(word + "\n");
            in.flush();
        }

        /** The first line (OPEN or LOCKED ...). */
        String first() throws IOException {
            return out.readLine();
        }

        /** Episode ids acknowledged until DONE. */
        List<String> acknowledged() throws IOException {
            List<String> ids = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.equals("DONE")) {
                assertTrue(line.startsWith("ACK "), line);
                ids.add(line.substring(4));
            }
            assertEquals("DONE", line);
            return ids;
        }

        @Override
        public void close() {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void oneOwnerAtATimeAndNoAcknowledgedFeedbackIsLost() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (Child a = new Child(dir, "a", "PT0S"); Child b = new Child(dir, "b", "PT0S")) {
            a.send("GO");
            b.send("GO");
            String fa = a.first();
            String fb = b.first();
            assertTrue(fa.equals("OPEN") ^ fb.equals("OPEN"), "exactly one owner: a said " + fa + ", b said " + fb);
            Child owner = fa.equals("OPEN") ? a : b;
            Child loser = owner == a ? b : a;
            String refusal = owner == a ? fb : fa;
            assertTrue(refusal.startsWith("LOCKED "), refusal);
            assertTrue(refusal.contains(dir.toString()) && refusal.contains("pid " + owner.pid)
                    && refusal.contains(DataDirectoryLock.WAIT), "the loser is told who holds it and what to do: "
                    + refusal);
            assertTrue(loser.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, loser.process.exitValue());
            acknowledged.addAll(owner.acknowledged());

            try (Child waiting = new Child(dir, "c", "PT2M")) {
                waiting.send("GO");
                Thread.sleep(500);
                assertTrue(waiting.process.isAlive() && !waiting.out.ready(), "the waiting process waits");
                owner.send("CLOSE");
                assertEquals("CLOSED", owner.out.readLine());
                assertEquals("OPEN", waiting.first(), "it gets the directory once the owner closed");
                acknowledged.addAll(waiting.acknowledged());
                waiting.send("CLOSE");
                assertEquals("CLOSED", waiting.out.readLine());
            }
        }
        assertEquals(2 * ROUNDS, acknowledged.size());
        assertEquals(2 * ROUNDS, acknowledged.stream().distinct().count());
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).seedExperience(false)
                .provider(MetaKubeConfig.EMBEDDER, "lexical").provider(MetaKubeConfig.MODEL, "template").build();
        try (MemoryStore memory = new EpmnProvider().create(config)) {
            List<String> missing = acknowledged.stream().filter(id -> memory.find(id).isEmpty()).toList();
            assertTrue(missing.isEmpty(), missing.size() + " acknowledged feedbacks lost: " + missing);
        }
        try (MetaKube reopened = MetaKube.builder().config(config).build()) {
            assertEquals(0, reopened.stats().journalPending());
        }
        assertFalse(acknowledged.contains(""), "every feedback recorded an episode");
    }
}
