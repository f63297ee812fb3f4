package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentScoringTest {
    @Test
    void matchingIgnoresCaseSpacesHyphensAndPunctuation() {
        assertTrue(IncidentScoring.anyIn(List.of("node affinity"), "the nodeAffinity term matches no node"));
        assertTrue(IncidentScoring.anyIn(List.of("tag v1.0-rc9"), "the tag V1.0 RC9 was never pushed"));
        assertFalse(IncidentScoring.anyIn(List.of("missing secret"), "the config map is absent"));
        assertFalse(IncidentScoring.anyIn(List.of(""), "anything"), "an empty keyword matches nothing");
    }

    @Test
    void theEvidenceTypeIsReadFromTheEvidence() {
        String manifest = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n";
        assertEquals(IncidentScoring.EvidenceType.MANIFESTS_ONLY,
                IncidentScoring.type("", List.of(new Evidence(EvidenceKind.MANIFEST, "", manifest))));
        assertEquals(IncidentScoring.EvidenceType.CAPTURED_OUTPUT, IncidentScoring.type("", List.of(
                new Evidence(EvidenceKind.DESCRIBE, "", "Name: web-1\nStatus: Pending\nEvents:\n  Warning  FailedScheduling"))));
        assertEquals(IncidentScoring.EvidenceType.ISSUE_EXCERPT, IncidentScoring.type("", List.of(Evidence.text(
                "(reporter) After the upgrade the pods never become ready and we do not know why.\n" + manifest))));
    }

    @Test
    void foreignNamesAreThoseTheIncidentNeverMentions() {
        String incident = "pod web-7f9c in namespace shop failed".toLowerCase();
        assertEquals(Set.of("payments-db-0"),
                IncidentScoring.foreignNames("The payments-db-0 and web-7f9c pods ran out of memory", incident));
        assertTrue(IncidentScoring.foreignNames("An out-of-memory kill in kube-system on v1.29.3", "").isEmpty());
    }
}
