package dev.metakube.graph;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Document ingestion into KubeGraph (paper section 4.3): extracts symptoms, causes, confirm commands and
 * remediation from Markdown or text runbooks with a pattern-based extractor, adds them with provenance
 * "document" to the learned part of the graph (persisted under {@code dataDir/graph} when a data directory is
 * configured), and groups the graph into communities with a summary each.
 *
 * <p>Extraction through the configured {@code DiagnosticModel} is not offered: the SPI has no free-text
 * completion, so the pattern-based extractor is always used.
 *
 * <pre>{@code
 * IngestReport r = GraphIngestion.ingest(MetaKubeConfig.builder().dataDir(dir).build(),
 *         List.of(Path.of("runbooks/dns.md")));
 * }</pre>
 */
public final class GraphIngestion {
    private GraphIngestion() {
    }

    /**
     * Ingests {@code documents} into the graph configured by {@code config} and persists the result.
     *
     * @throws InvalidInputException when a document cannot be read or is not text
     */
    public static IngestReport ingest(MetaKubeConfig config, List<Path> documents) {
        if (documents == null || documents.isEmpty()) {
            throw new InvalidInputException("documents", "name at least one Markdown or text file");
        }
        List<String[]> texts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path p : documents) {
            texts.add(new String[] {p.getFileName().toString(), read(p, notes)});
        }
        KubeGraph graph = new KubeGraph(config);
        try {
            return ingest(graph, texts, notes);
        } finally {
            graph.close();
        }
    }

    /** Ingests named texts ({name, text}) into an open graph. */
    static IngestReport ingest(KubeGraph graph, List<String[]> texts, List<String> notes) {
        DocumentIngestor ingestor = new DocumentIngestor();
        int[] counts = new int[4];
        for (String[] doc : texts) {
            List<String[]> sections = DocumentIngestor.sections(doc[1]);
            counts[0] += sections.size();
            int before = counts[1];
            for (String[] s : sections) {
                DocumentIngestor.Extraction x = graph.read(g -> ingestor.extract(doc[0], s[0], s[1],
                        graph.analyzer(), g));
                if (x == null) {
                    continue;
                }
                graph.update(g -> {
                    for (SymptomCard sc : x.newSymptoms()) {
                        if (!g.types.containsKey(sc.id())) {
                            g.addSymptom(sc);
                            counts[2]++;
                        }
                    }
                    if (!g.causes.containsKey(x.id())) {
                        g.addCause(new CauseCard(x.id(), x.category(), x.area(), x.statement(), x.confirm(), x.fix(),
                                x.prevention(), Provenance.DOCUMENT, x.source()));
                        counts[1]++;
                    }
                    for (String symptom : x.symptoms()) {
                        if (g.relate(x.id(), symptom, EdgeType.MANIFESTS_AS, DocumentIngestor.DOCUMENT_WEIGHT,
                                Provenance.DOCUMENT, x.source()) != null) {
                            counts[3]++;
                        }
                    }
                    for (String kind : x.kinds()) {
                        if (g.types.containsKey(CuratedGraph.kindId(kind)) && g.relate(x.id(),
                                CuratedGraph.kindId(kind), EdgeType.INVOLVES, 1.0, Provenance.DOCUMENT,
                                x.source()) != null) {
                            counts[3]++;
                        }
                    }
                    return null;
                });
            }
            if (counts[1] == before) {
                notes.add(doc[0] + ": no section named both a known symptom and a cause or fix");
            }
        }
        List<IngestReport.Community> communities = graph.read(Communities::detect);
        return new IngestReport(texts.size(), counts[0], counts[1], counts[2], counts[3], communities,
                graph.store().file(), notes);
    }

    private static String read(Path p, List<String> notes) {
        try {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(p.toString(), "no such file");
            }
            byte[] bytes = Files.readAllBytes(p);
            for (int i = 0; i < Math.min(bytes.length, 8_192); i++) {
                if (bytes[i] == 0) {
                    throw new InvalidInputException(p.toString(), "is binary, expected Markdown or text");
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (text.length() > DocumentIngestor.MAX_DOCUMENT) {
                notes.add(p.getFileName() + " truncated to " + DocumentIngestor.MAX_DOCUMENT + " characters");
                text = text.substring(0, DocumentIngestor.MAX_DOCUMENT);
            }
            return text;
        } catch (IOException e) {
            throw new InvalidInputException(p.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }
}
