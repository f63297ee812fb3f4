package dev.metakube.engine;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.durable.DataDirectoryLock;
import dev.metakube.durable.DataDirectoryLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A process of {@link DataDirectoryOwnerIT}: waits for {@code GO} on standard input, builds an engine on the data
 * directory {@code args[0]} (lock wait {@code args[2]}), runs {@code args[3]} rounds of diagnose + feedback
 * printing {@code ACK <episode id>} after each acknowledged feedback, then waits for {@code CLOSE}. A refused
 * lock prints {@code LOCKED <message>} and exits with 3.
 */
public final class DataDirectoryOwnerChild {
    private DataDirectoryOwnerChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String name = args[1];
        int rounds = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("READY " + ProcessHandle.current().pid());
        out.flush();
        expect(in, "GO");
        // the lexical embedder and the template model: the lock is under test, not the neural backends
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).seedExperience(false)
                .provider(MetaKubeConfig.EMBEDDER, "lexical").provider(MetaKubeConfig.MODEL, "template")
                .property(DataDirectoryLock.WAIT, args[2]).build();
        MetaKube mk;
        try {
            mk = MetaKube.builder().config(config).build();
        } catch (DataDirectoryLockedException e) {
            out.println("LOCKED " + e.getMessage().replace('\n', ' '));
            out.flush();
            System.exit(3);
            return;
        }
        out.println("OPEN");
        out.flush();
        for (int i = 0; i < rounds; i++) {
            Diagnosis d = mk.diagnose(Incident.builder().id(name + "-" + i).symptoms("pods restart")
                    .evidence(Evidence.text("Last State: Terminated, Reason: OOMKilled, Exit Code: 137 (" + name + " "
                            + i + ")")).build());
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.CORRECT)
                    .resolution("raised the memory limit of " + name + " " + i).build());
            out.println("ACK " + r.episodeId());
            out.flush();
        }
        out.println("DONE");
        out.flush();
        expect(in, "CLOSE");
        mk.close();
        out.println("CLOSED");
        out.flush();
    }

    private static void expect(BufferedReader in, String word) throws Exception {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IllegalStateException("expected " + word + ", got " + line);
        }
    }
}
