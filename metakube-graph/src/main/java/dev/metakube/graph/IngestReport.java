package dev.metakube.graph;

import java.nio.file.Path;
import java.util.List;

/**
 * What ingesting documents added to the graph, and the communities the graph now falls into.
 *
 * @param documents     documents read
 * @param sections      sections (headings or paragraphs) examined
 * @param causesAdded   causes extracted from the documents
 * @param symptomsAdded new symptoms (error messages the vocabulary lacked), each with its detection phrase
 * @param edgesAdded    relations added
 * @param communities   the graph's communities after ingestion, largest first
 * @param storedIn      the file that keeps the extracted knowledge; {@code null} when the graph is in memory
 * @param notes         what a person should know (unreadable files, truncation, sections skipped)
 */
public record IngestReport(int documents, int sections, int causesAdded, int symptomsAdded, int edgesAdded,
                           List<Community> communities, Path storedIn, List<String> notes) {
    public IngestReport {
        communities = List.copyOf(communities);
        notes = List.copyOf(notes);
    }

    /**
     * A group of causes and symptoms more connected to each other than to the rest (label propagation).
     *
     * @param id       its index, largest community first
     * @param causes   the cause ids in it
     * @param symptoms the symptom ids in it
     * @param summary  one paragraph: dominant category and focus areas, main symptoms, an example cause
     */
    public record Community(int id, List<String> causes, List<String> symptoms, String summary) {
        public Community {
            causes = List.copyOf(causes);
            symptoms = List.copyOf(symptoms);
        }
    }
}
