package dev.metakube.memory;

import dev.metakube.api.Category;
import dev.metakube.api.Outcome;
import dev.metakube.contract.DurableStoreContract;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The crash tests on the episodic memory: its journal, with snapshots every 150 records. */
class EpmnDurabilityIT extends DurableStoreContract {
    @Override
    protected Subject open(Path dir, Fsync fsync) {
        EpmnStore store = EpmnStore.open(dir, EpmnSettings.defaults().withSnapshotEvery(150), fsync);
        return new Subject() {
            @Override
            public void write(String key) {
                Random r = new Random(key.hashCode());
                store.record(Synthetic.episode(key, Category.values()[Math.floorMod(key.hashCode(), 6)], "cause " + key,
                        "fix", Outcome.RESOLVED), Synthetic.emb(Synthetic.unit(r, 32)));
                if (key.hashCode() % 7 == 0) {
                    store.reinforce(key, true, Synthetic.NOW);
                }
            }

            @Override
            public boolean contains(String key) {
                return store.find(key).isPresent();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    @Override
    protected List<Path> dataFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(EpmnStore.JOURNAL + "-")).sorted().toList();
        }
    }

    @Override
    protected Layout layout() {
        return Layout.APPEND_LOG;
    }

    @Override
    protected int writerThreads() {
        return 4;
    }
}
