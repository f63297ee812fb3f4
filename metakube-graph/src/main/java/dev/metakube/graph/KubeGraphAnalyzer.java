package dev.metakube.graph;

import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.EvidenceAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * The default {@link EvidenceAnalyzer}: KubeGraph's evidence analysis over the graph's symptom vocabulary (the
 * curated one plus what the graph learned and stored under the data directory). The vocabulary is re-read when
 * the learned graph on disk changes, so symptoms learned from feedback are recognised without a restart.
 * Thread-safe: each analysis works on an immutable analyzer.
 */
final class KubeGraphAnalyzer implements EvidenceAnalyzer {
    private final GraphSettings settings;
    private volatile Loaded loaded;

    /** The analyzer and the state of the learned file it was built from. */
    private record Loaded(dev.metakube.evidence.EvidenceAnalyzer analyzer, FileTime modified, long size) {
    }

    KubeGraphAnalyzer(MetaKubeConfig config) {
        this.settings = GraphSettings.from(config);
        this.loaded = load();
    }

    @Override
    public EvidenceAnalysis analyze(Incident incident) {
        Loaded l = loaded;
        Path file = learnedFile();
        if (file != null && changed(l, file)) {
            l = load();
            loaded = l;
        }
        return l.analyzer().analyze(incident);
    }

    private Path learnedFile() {
        return settings.dir() == null ? null : settings.dir().resolve(LearnedStore.FILE);
    }

    private static boolean changed(Loaded l, Path file) {
        try {
            if (!Files.exists(file)) {
                return l.modified() != null;
            }
            return !Objects.equals(Files.getLastModifiedTime(file), l.modified()) || Files.size(file) != l.size();
        } catch (IOException e) {
            return false; // keep the vocabulary we have; the graph reports storage trouble itself
        }
    }

    private Loaded load() {
        Path file = learnedFile();
        FileTime modified = null;
        long size = -1;
        try {
            if (file != null && Files.exists(file)) {
                modified = Files.getLastModifiedTime(file);
                size = Files.size(file);
            }
        } catch (IOException e) {
            modified = null;
        }
        KnowledgeGraph g = new KnowledgeGraph();
        CuratedGraph.load(g);
        new LearnedStore(settings.dir()).load(g);
        g.invalidate();
        return new Loaded(new dev.metakube.evidence.EvidenceAnalyzer(g.rules()), modified, size);
    }
}
