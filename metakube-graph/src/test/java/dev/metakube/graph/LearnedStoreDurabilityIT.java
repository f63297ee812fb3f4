package dev.metakube.graph;

import dev.metakube.api.SignalKind;
import dev.metakube.contract.DurableStoreContract;
import dev.metakube.durable.Fsync;
import java.nio.file.Path;
import java.util.List;

/** The crash tests on the learned graph: each key is a learned symptom; the file is rewritten at each write. */
class LearnedStoreDurabilityIT extends DurableStoreContract {
    @Override
    protected Subject open(Path dir, Fsync fsync) {
        LearnedStore store = new LearnedStore(dir, fsync);
        KnowledgeGraph g = new KnowledgeGraph();
        List<LearnedStore.ExtraFix> fixes = store.load(g);
        return new Subject() {
            @Override
            public void write(String key) {
                g.addSymptom(new SymptomCard(key, SignalKind.ERROR_PHRASE, "learned " + key, List.of("phrase " + key),
                        List.of(), 0.7, Provenance.LEARNED));
                store.save(g, fixes);
            }

            @Override
            public boolean contains(String key) {
                return g.symptoms.containsKey(key);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    protected List<Path> dataFiles(Path dir) {
        return List.of(dir.resolve(LearnedStore.FILE));
    }

    @Override
    protected Layout layout() {
        return Layout.ATOMIC_FILE;
    }
}
