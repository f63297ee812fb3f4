package dev.metakube.cli;

import dev.metakube.api.Diagnosis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a diagnosis for a person, or as a JSON-ready map. */
final class DiagnosisView {
    private DiagnosisView() {
    }

    static String readable(Diagnosis d) {
        StringBuilder b = new StringBuilder();
        b.append("Root cause  ").append(d.rootCause()).append('\n');
        b.append("Category    ").append(d.category().label()).append('\n');
        b.append(String.format(Locale.ROOT, "Confidence  %.2f  (%s pathway, threshold %.2f, %s model, %.1f ms)%n",
                d.confidence(), d.pathway().name().toLowerCase(Locale.ROOT), d.threshold(), d.model(),
                d.timings().totalMillis()));
        if (!d.causalChain().isEmpty()) {
            b.append("\nCausal chain\n");
            for (String step : d.causalChain()) {
                b.append("  → ").append(step).append('\n');
            }
        }
        if (!d.remediation().isEmpty()) {
            b.append("\nRemediation\n");
            int i = 1;
            for (RemediationStep s : d.remediation()) {
                b.append("  ").append(i++).append(". ").append(s.action());
                if (s.destructive()) {
                    b.append("  [destructive: review first]");
                }
                b.append('\n');
                if (!s.command().isEmpty()) {
                    b.append("     $ ").append(s.command()).append('\n');
                }
            }
        }
        if (!d.prevention().isEmpty()) {
            b.append("\nPrevention\n");
            for (String p : d.prevention()) {
                b.append("  - ").append(p).append('\n');
            }
        }
        if (!d.evidence().isEmpty()) {
            b.append("\nEvidence used\n");
            int shown = 0;
            for (Signal s : d.evidence()) {
                if (shown++ == 8) {
                    b.append("  ... and ").append(d.evidence().size() - 8).append(" more\n");
                    break;
                }
                b.append("  ").append(s.key());
                if (!s.excerpt().isEmpty()) {
                    b.append(": ").append(s.excerpt().length() > 110 ? s.excerpt().substring(0, 110) + "…" : s.excerpt());
                }
                b.append('\n');
            }
        }
        if (d.hypotheses().size() > 1) {
            b.append("\nOther hypotheses\n");
            for (Hypothesis h : d.hypotheses().subList(1, Math.min(4, d.hypotheses().size()))) {
                b.append(String.format(Locale.ROOT, "  %.2f  %s (%s)%n", h.score(), h.rootCause(), h.category().label()));
            }
        }
        if (!d.memoriesUsed().isEmpty()) {
            b.append("\nMemories used  ").append(String.join(", ", d.memoriesUsed().subList(0,
                    Math.min(3, d.memoriesUsed().size())))).append(d.memoriesUsed().size() > 3 ? ", ..." : "").append('\n');
        }
        for (String n : d.notes()) {
            b.append("Note: ").append(n).append('\n');
        }
        b.append("\nDiagnosis id  ").append(d.id()).append('\n');
        return b.toString();
    }

    static Map<String, Object> json(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("incidentId", d.incidentId());
        m.put("category", d.category().label());
        m.put("rootCause", d.rootCause());
        m.put("causalChain", d.causalChain());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (RemediationStep s : d.remediation()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("action", s.action());
            sm.put("command", s.command());
            sm.put("destructive", s.destructive());
            steps.add(sm);
        }
        m.put("remediation", steps);
        m.put("prevention", d.prevention());
        m.put("confidence", d.confidence());
        m.put("pathway", d.pathway().name().toLowerCase(Locale.ROOT));
        m.put("threshold", d.threshold());
        List<Map<String, Object>> hs = new ArrayList<>();
        for (Hypothesis h : d.hypotheses()) {
            hs.add(Map.of("category", h.category().label(), "rootCause", h.rootCause(), "score", h.score(),
                    "source", h.source()));
        }
        m.put("hypotheses", hs);
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Signal s : d.evidence()) {
            ev.add(Map.of("key", s.key(), "kind", s.kind().name().toLowerCase(Locale.ROOT), "value", s.value(),
                    "excerpt", s.excerpt()));
        }
        m.put("evidence", ev);
        m.put("memoriesUsed", d.memoriesUsed());
        m.put("chainsUsed", d.chainsUsed());
        m.put("model", d.model());
        m.put("notes", d.notes());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("analysisMs", d.timings().analysisNanos() / 1e6);
        t.put("embeddingMs", d.timings().embeddingNanos() / 1e6);
        t.put("retrievalMs", d.timings().retrievalNanos() / 1e6);
        t.put("routingMs", d.timings().routingNanos() / 1e6);
        t.put("graphMs", d.timings().graphNanos() / 1e6);
        t.put("modelMs", d.timings().modelNanos() / 1e6);
        t.put("totalMs", d.timings().totalNanos() / 1e6);
        m.put("timings", t);
        m.put("createdAt", d.createdAt().toString());
        return m;
    }
}
