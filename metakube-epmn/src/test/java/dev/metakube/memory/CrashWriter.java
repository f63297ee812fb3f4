package dev.metakube.memory;

import dev.metakube.api.Category;
import dev.metakube.api.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link CrashRecoveryIT} kills: opens the store, then records episodes from four threads forever,
 * printing {@code ACK <id>} to standard output after each record returns (that is, after it is acknowledged).
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        PrintStream out = System.out;
        EpmnStore store = EpmnStore.open(dir, EpmnSettings.defaults().withSnapshotEvery(150));
        synchronized (out) {
            out.println("OPEN " + store.stats().episodes());
            out.flush();
        }
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int tt = t;
            threads[t] = new Thread(() -> {
                Random r = new Random(round.hashCode() * 31L + tt);
                for (int i = 0; ; i++) {
                    String id = "r" + round + "-t" + tt + "-" + i;
                    store.record(Synthetic.episode(id, Category.values()[i % 6], "cause " + i, "fix", Outcome.RESOLVED),
                            Synthetic.emb(Synthetic.unit(r, 32)));
                    if (i % 7 == 0) {
                        store.reinforce(id, true, Synthetic.NOW);
                    }
                    synchronized (out) {
                        out.println("ACK " + id);
                        out.flush();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
