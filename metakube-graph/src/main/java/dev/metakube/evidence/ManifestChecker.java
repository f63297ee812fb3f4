package dev.metakube.evidence;

import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.evidence.manifest.Finding;
import dev.metakube.evidence.manifest.ManifestChecks;
import dev.metakube.evidence.manifest.ManifestParser;
import dev.metakube.evidence.manifest.ManifestSet;
import dev.metakube.evidence.manifest.PodRequests;
import dev.metakube.evidence.manifest.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the manifests of an incident into signals: {@link ManifestParser} reads the objects, the
 * {@link ManifestChecks} families check them against each other, and each {@link Finding} becomes a
 * {@link SignalKind#MANIFEST_FINDING} signal whose key is a symptom of the causal graph and whose excerpt is the
 * finding's sentence. The objects and values of the findings are added to the named objects, so cause texts and
 * commands use them.
 */
final class ManifestChecker {
    private final ManifestParser parser = new ManifestParser();

    /** Whether text looks like Kubernetes manifests (has both apiVersion and kind fields). */
    static boolean looksLikeManifest(String text) {
        return ManifestParser.mayHoldManifests(text);
    }

    /** Checks the manifests in {@code text}; parse problems go to {@code notes}, object names to {@code named}. */
    List<Signal> check(String text, List<String> notes, Map<String, String> named) {
        ManifestSet set = parser.parse(text);
        notes.addAll(set.notes());
        if (set.objects().isEmpty()) {
            return List.of();
        }
        Map<String, String> facts = new HashMap<>();
        for (String f : List.of("verb", "resource")) {
            if (named.containsKey(f)) {
                facts.put(f, named.get(f));
            }
        }
        for (Workload w : set.workloads()) {
            named.putIfAbsent(w.kind().toLowerCase(Locale.ROOT), w.name());
            if (!w.namespace().isEmpty()) {
                named.putIfAbsent("namespace", w.namespace());
            }
            // what one pod asks of a node: the figure a scheduling cause quotes
            PodRequests.of(w, "cpu").ifPresent(q -> named.putIfAbsent("cpurequest", q));
            PodRequests.of(w, "memory").ifPresent(q -> named.putIfAbsent("memoryrequest", q));
        }
        List<Finding> findings = new ArrayList<>(ManifestChecks.run(set.withFacts(facts), notes));
        // definite findings first: their objects are the ones the diagnosis names
        findings.sort((a, b) -> Boolean.compare(b.definite(), a.definite()));
        Map<String, Signal> out = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (out.containsKey(f.key())) {
                continue;
            }
            String message = f.message().length() > 240 ? f.message().substring(0, 237) + "..." : f.message();
            out.put(f.key(), new Signal(f.key(), SignalKind.MANIFEST_FINDING, f.subject(), message, f.strength()));
            f.values().forEach(values::putIfAbsent);
        }
        named.putAll(values);
        return new ArrayList<>(out.values());
    }
}
