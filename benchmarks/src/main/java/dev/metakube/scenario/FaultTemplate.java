package dev.metakube.scenario;

import dev.metakube.api.Category;
import java.util.List;
import java.util.Map;

/**
 * One underlying fault as written in the catalogue: its texts are templates (see {@link TemplateText}).
 *
 * @param id                stable id, {@code category/name}
 * @param category          the category whose share of the paper's mix the fault counts in (its file)
 * @param label             the category a correct diagnosis gives: the same, unless the incident taxonomy puts the
 *                          fault elsewhere (a StorageClass reference is configuration, volume attach is system)
 * @param area              the focus area of the paper's Table 3 it belongs to
 * @param contextKind       the kind of the affected object
 * @param contextName       template of the affected object's name
 * @param phase             the pod phase shown in {@code kubectl describe} headers
 * @param podState          the STATUS column for the affected pod in a {@code kubectl get pods} table; empty
 *                          for faults that are not about one pod (no table is added)
 * @param podReady          the READY column for the affected pod
 * @param vars              fault variables in order: {@code pick a|b}, {@code int lo hi}, or a template
 * @param symptoms          alternative symptom statements
 * @param rootCause         alternative root cause statements
 * @param rootCauseKeywords terms a correct root cause contains
 * @param fix               alternative fix statements
 * @param fixKeywords       terms a correct remediation contains
 * @param causalChain       chain steps from cause to symptom
 * @param events            event lines {@code Type|Reason|object|message}
 * @param evidence          evidence templates
 */
record FaultTemplate(String id, Category category, Category label, String area, String contextKind, String contextName,
                     String phase, String podState, String podReady, Map<String, String> vars,
                     List<String> symptoms, List<String> rootCause, List<String> rootCauseKeywords,
                     List<String> fix, List<String> fixKeywords, List<String> causalChain, List<String> events,
                     List<EvidenceTemplate> evidence) {

    /**
     * One piece of evidence as a template.
     *
     * @param kind   evidence kind label ({@code describe}, {@code logs}...)
     * @param source template of where it came from
     * @param text   template of its text
     * @param noise  whether unrelated log lines are mixed in before it
     */
    record EvidenceTemplate(String kind, String source, String text, boolean noise) {
    }
}
