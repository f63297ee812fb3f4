package dev.metakube.engine;

import dev.metakube.api.Attempt;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.Incident;
import dev.metakube.redaction.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redacts secrets from incidents and feedback at the engine's door, so that no backend (analyzer, memory,
 * embedder, model, graph), whichever providers are installed, nor the journal ever sees them. Stateless.
 */
final class IncidentRedaction {
    private static final Redactor REDACTOR = new Redactor();

    private IncidentRedaction() {
    }

    /** An incident and how many secrets were removed from it. */
    record Redacted(Incident incident, int secrets) {
        /** The note a person should read, or empty when nothing was removed. */
        List<String> notes() {
            return secrets == 0 ? List.of()
                    : List.of("redacted " + secrets + " secret" + (secrets == 1 ? "" : "s") + " before analysis");
        }
    }

    /** The incident without secrets. */
    static Incident redact(Incident incident) {
        return redactCounting(incident).incident();
    }

    /** The incident without secrets, with the count of what was removed. */
    static Redacted redactCounting(Incident incident) {
        int[] count = {0};
        String symptoms = text(incident.symptoms(), count);
        List<Evidence> evidence = new ArrayList<>(incident.evidence().size());
        for (Evidence e : incident.evidence()) {
            evidence.add(new Evidence(e.kind(), text(e.source(), count), text(e.text(), count)));
        }
        ClusterContext c = incident.context();
        Map<String, String> labels = new LinkedHashMap<>();
        c.labels().forEach((k, v) -> labels.put(k, text(v, count)));
        ClusterContext context = new ClusterContext(c.namespace(), c.kind(), c.name(), c.kubernetesVersion(), labels);
        if (count[0] == 0) {
            return new Redacted(incident, 0);
        }
        return new Redacted(new Incident(incident.id(), symptoms, evidence, context, incident.observedAt()), count[0]);
    }

    /** The feedback with its incident, cause, resolution and attempts redacted. */
    static Feedback redact(Feedback f) {
        List<Attempt> attempts = f.attempts().stream().map(a -> new Attempt(text(a.action(), new int[1]), a.worked()))
                .toList();
        return new Feedback(f.diagnosisId(), f.incident() == null ? null : redact(f.incident()), f.verdict(),
                f.category(), text(f.rootCause(), new int[1]), text(f.resolution(), new int[1]), attempts, f.outcome(),
                f.at());
    }

    private static String text(String s, int[] count) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        Redactor.Result r = REDACTOR.redact(s);
        count[0] += r.total();
        return r.text();
    }
}
