package dev.metakube.graph;

import dev.metakube.api.Category;
import dev.metakube.api.RemediationStep;
import java.util.List;

/**
 * Everything the graph knows about one cause besides its edges. Texts may hold placeholders filled from the
 * objects named in the evidence: {@code {pod}} becomes the pod's name or {@code <pod>}, {@code {pod|the pod}}
 * becomes the name or the words after the bar.
 *
 * @param id          the node id
 * @param category    its category
 * @param area        the focus area (paper Table 3), e.g. "OOMKilled"
 * @param statement   the cause, one statement
 * @param confirm     commands that confirm it
 * @param remediation how to fix it
 * @param prevention  how to keep it from happening again
 * @param provenance  where it came from
 * @param source      the document or feedback it came from; empty for the curated base
 */
record CauseCard(String id, Category category, String area, String statement, List<String> confirm,
                 List<RemediationStep> remediation, List<String> prevention, Provenance provenance, String source) {
    CauseCard {
        confirm = List.copyOf(confirm);
        remediation = List.copyOf(remediation);
        prevention = List.copyOf(prevention);
        source = source == null ? "" : source;
    }
}
