package dev.metakube.graph;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.evidence.EvidenceAnalyzer;
import dev.metakube.spi.Exploration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Memory-biased causal search (paper eq. 5 and 16). From each observed symptom the search walks explaining edges
 * backwards ({@code manifests_as}, then {@code causes}), at most {@code maxHops} hops, keeping for every cause the
 * best-supported path per signal. A cause's chain is ranked by
 *
 * <pre>priority(p) = α1·prior(M*, p) + α2·score(p) + α3·novelty(p)</pre>
 *
 * normalised by the α sum when it exceeds one, where
 * <ul>
 *   <li>{@code score(p)} is the noisy-or over signals of {@code strength · Π edge weights · 0.85^(hops−1)},
 *       times {@code (1 + coverage) / 2} where coverage is the share of the observed signal strength the cause
 *       explains: of two causes that fit the strongest signal, the one that also explains the rest ranks first;</li>
 *   <li>{@code prior(M*, p)} is the best {@code hint.score · sim(hint, cause)} over the memory hints, sim being 1
 *       when the hint names the cause's id and otherwise {@code 0.25·[same category] + 0.75·token cosine} of
 *       the hint's root cause and the cause's statement;</li>
 *   <li>{@code novelty(p) = 1 − max sim(hint, cause)}: what memory has not already proposed (1 without hints).</li>
 * </ul>
 * Cost: for S signals and h hops, O(S · h · B log B) with B the beam of {@value #BEAM} causes kept per hop:
 * each node's explaining edges are indexed heaviest first, so a hub symptom costs no more than any other.
 */
final class CausalSearch {
    /** Attenuation per hop beyond the first. */
    static final double HOP_DECAY = 0.85;
    private static final int MAX_EVIDENCE = 8;
    /** Causes kept per hop and signal. */
    static final int BEAM = 256;

    private final double alphaPrior;
    private final double alphaPath;
    private final double alphaNovelty;

    CausalSearch(double alphaPrior, double alphaPath, double alphaNovelty) {
        this.alphaPrior = alphaPrior;
        this.alphaPath = alphaPath;
        this.alphaNovelty = alphaNovelty;
    }

    /** The best path from one signal to one cause. */
    private record Support(Signal signal, double value, List<String> nodes) {
    }

    private record Step(String node, double value, List<String> nodes) {
    }

    List<CausalChain> explore(KnowledgeGraph g, Exploration x) {
        Map<String, String> objects = new HashMap<>();
        for (Signal s : x.signals()) {
            if (s.kind() == SignalKind.OBJECT && s.key().startsWith(EvidenceAnalyzer.OBJECT_PREFIX)) {
                objects.putIfAbsent(s.key().substring(EvidenceAnalyzer.OBJECT_PREFIX.length()), s.value());
            }
        }
        Map<String, Map<String, Support>> supports = new LinkedHashMap<>();
        Set<String> signature = new HashSet<>();
        for (Signal s : x.signals()) {
            if (s.kind() != SignalKind.OBJECT && g.symptoms.containsKey(s.key())) {
                signature.add(s.key());
            }
        }
        Taught taught = new Taught(g, signature);
        Set<String> seenKeys = new HashSet<>();
        for (Signal s : x.signals()) {
            if (s.kind() == SignalKind.OBJECT || !g.symptoms.containsKey(s.key()) || !seenKeys.add(s.key())) {
                continue;
            }
            walk(g, s, x.maxHops(), supports, taught);
        }
        double observed = 0;
        for (Signal s : x.signals()) {
            if (s.kind() != SignalKind.OBJECT && s.kind() != SignalKind.QUANTITY && g.symptoms.containsKey(s.key())
                    && seenKeys.remove(s.key())) {
                observed += s.strength();
            }
        }
        Set<String> candidates = new LinkedHashSet<>(supports.keySet());
        Map<String, Double> similarity = new HashMap<>();
        Map<String, Double> prior = new HashMap<>();
        if (!x.memoryHints().isEmpty()) {
            List<Set<String>> hintTokens = new ArrayList<>();
            for (Hypothesis h : x.memoryHints()) {
                hintTokens.add(tokens(h.rootCause()));
            }
            for (CauseCard c : g.causes.values()) {
                Set<String> ct = null;
                double bestSim = 0;
                double bestPrior = 0;
                for (int i = 0; i < x.memoryHints().size(); i++) {
                    Hypothesis h = x.memoryHints().get(i);
                    double sim;
                    if (h.source().equals(c.id())) {
                        sim = 1.0;
                    } else {
                        if (ct == null) {
                            ct = g.tokensOf(c);
                        }
                        sim = 0.75 * cosine(hintTokens.get(i), ct) + (h.category() == c.category() ? 0.25 : 0);
                    }
                    bestSim = Math.max(bestSim, sim);
                    bestPrior = Math.max(bestPrior, h.score() * sim);
                }
                similarity.put(c.id(), bestSim);
                prior.put(c.id(), bestPrior);
                if (bestSim >= 0.6) {
                    candidates.add(c.id());
                }
            }
        }
        double norm = Math.max(1.0, alphaPrior + alphaPath + alphaNovelty);
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (String id : candidates) {
            Map<String, Support> sup = supports.getOrDefault(id, Map.of());
            double miss = 1.0;
            double explained = 0;
            for (Support s : sup.values()) {
                miss *= 1.0 - s.value();
                if (s.signal().kind() != SignalKind.QUANTITY) {
                    explained += s.signal().strength();
                }
            }
            double coverage = observed <= 0 ? 1.0 : Math.min(1.0, explained / observed);
            double path = (1.0 - miss) * (0.5 + 0.5 * coverage);

            double p = prior.getOrDefault(id, 0.0);
            double novelty = x.memoryHints().isEmpty() ? 1.0 : 1.0 - similarity.getOrDefault(id, 0.0);
            double priority = Math.min(1.0, Math.max(0.0,
                    (alphaPrior * p + alphaPath * path + alphaNovelty * novelty) / norm));
            ranked.add(new Ranked(id, sup, priority, path));
        }
        // rank on the numbers (a heap of the best `limit`), then write chains for those only
        Comparator<Ranked> better = Comparator.comparingDouble(Ranked::priority)
                .thenComparingDouble(Ranked::path).thenComparing(Ranked::id, Comparator.reverseOrder());
        java.util.PriorityQueue<Ranked> top = new java.util.PriorityQueue<>(better);
        for (Ranked r : ranked) {
            top.add(r);
            if (top.size() > x.limit()) {
                top.poll();
            }
        }
        List<Ranked> best = new ArrayList<>(top);
        best.sort(better.reversed());
        List<CausalChain> out = new ArrayList<>();
        for (Ranked r : best) {
            out.add(chain(g, g.causes.get(r.id()), r.supports(), r.priority(), objects));
        }
        return out;
    }

    /**
     * The negative-transfer guard: what feedback taught an edge counts only as far as the incident is the fault it
     * was taught on. A cause's taught signature is the set of symptoms feedback linked it to (its edges feedback
     * created or changed); its agreement with the incident's signature is their Jaccard index, squared, so that a
     * lookalike sharing a generic symptom or two (a crash loop, a pending pod) stays far below the fault itself.
     * An edge then weighs {@code base + (weight − base) · agreement}: its curated weight for a lookalike, its taught
     * weight for the fault itself. One per search; agreements are computed once per cause.
     */
    static final class Taught {
        private final KnowledgeGraph g;
        private final Set<String> signature;
        private final Map<String, Double> agreement = new HashMap<>();

        Taught(KnowledgeGraph g, Set<String> signature) {
            this.g = g;
            this.signature = signature;
        }

        double weight(Relation r) {
            if (!r.learned) {
                return r.weight;
            }
            double a = agreement.computeIfAbsent(r.from, c -> signatureAgreement(g, c, signature));
            return Relation.clamp(r.taughtBase + (r.weight - r.taughtBase) * a);
        }
    }

    /** The squared Jaccard index of the incident's signature and the symptoms feedback linked the cause to. */
    static double signatureAgreement(KnowledgeGraph g, String causeId, Set<String> signature) {
        if (signature.isEmpty()) {
            return 0;
        }
        int taught = 0;
        int shared = 0;
        for (Relation r : g.graph.outgoingEdgesOf(causeId)) {
            if (r.type == EdgeType.MANIFESTS_AS && r.learned) {
                String key = g.graph.getEdgeTarget(r);
                taught++;
                if (signature.contains(key)) {
                    shared++;
                }
            }
        }
        if (taught == 0) {
            return 0;
        }
        double jaccard = (double) shared / (taught + signature.size() - shared);
        return jaccard * jaccard;
    }

    private record Ranked(String id, Map<String, Support> supports, double priority, double path) {
    }

    /**
     * Breadth-first, backwards from the signal's symptom, keeping the best value per cause; each hop keeps the
     * {@value #BEAM} best-valued causes (a beam), which bounds the work at hub symptoms of large graphs and changes
     * nothing on the curated graph, whose in-degrees are far below it.
     */
    private static void walk(KnowledgeGraph g, Signal s, int maxHops, Map<String, Map<String, Support>> supports,
                             Taught taught) {
        Map<String, Double> best = new HashMap<>();
        List<Step> frontier = List.of(new Step(s.key(), s.strength(), List.of(s.key())));
        for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
            double decay = hop == 1 ? 1.0 : HOP_DECAY;
            List<String> causes = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Step> from = new ArrayList<>();
            for (Step step : frontier) {
                // explainers come heaviest first: after BEAM pushes from one node the rest cannot enter the beam
                int pushed = 0;
                for (Relation r : g.explainers(step.node())) {
                    double v = step.value() * taught.weight(r) * decay;
                    if (pushed >= BEAM || (v < 1e-4 && !r.learned)) {
                        break;
                    }
                    if (v < 1e-4) {
                        // a taught edge weighs less than its sort weight here; the edges after it may weigh more
                        continue;
                    }
                    String cause = r.from;
                    if (hop > 1) {
                        Double known = best.get(cause);
                        if ((known != null && v <= known) || step.nodes().contains(cause)) {
                            continue;
                        }
                    }
                    causes.add(cause);
                    values.add(v);
                    from.add(step);
                    pushed++;
                }
            }
            // the beam: the value of the BEAM-th best push, found with a primitive sort
            double threshold = 0;
            if (values.size() > BEAM) {
                double[] sorted = new double[values.size()];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = values.get(i);
                }
                java.util.Arrays.sort(sorted);
                threshold = sorted[sorted.length - BEAM];
            }
            List<Step> next = new ArrayList<>();
            for (int i = 0; i < causes.size() && next.size() < BEAM; i++) {
                String cause = causes.get(i);
                double v = values.get(i);
                Double known = best.get(cause);
                if (v < threshold || (known != null && v <= known)) {
                    continue;
                }
                best.put(cause, v);
                List<String> nodes = new ArrayList<>(from.get(i).nodes());
                nodes.add(cause);
                supports.computeIfAbsent(cause, c -> new LinkedHashMap<>()).merge(s.key(), new Support(s, v, nodes),
                        (a, b) -> b.value() > a.value() ? b : a);
                next.add(new Step(cause, v, nodes));
            }
            frontier = next;
        }
    }

    private static CausalChain chain(KnowledgeGraph g, CauseCard card, Map<String, Support> sup, double priority,
                                     Map<String, String> objects) {
        List<Support> ordered = new ArrayList<>(sup.values());
        ordered.sort(Comparator.comparingDouble(Support::value).reversed());
        List<String> path = new ArrayList<>();
        if (!ordered.isEmpty()) {
            Support top = ordered.get(0);
            for (String node : top.nodes()) {
                if (g.symptoms.containsKey(node) && node.equals(top.signal().key())) {
                    String seen = top.signal().excerpt().isBlank() ? top.signal().value() : top.signal().excerpt();
                    path.add("observed: " + g.symptoms.get(node).text() + (seen.isBlank() ? "" : " (\"" + seen + "\")"));
                } else if (!node.equals(card.id())) {
                    CauseCard mid = g.causes.get(node);
                    path.add("because: " + (mid == null ? node : Templates.fill(mid.statement(), objects)));
                }
            }
        } else {
            path.add("suggested by memory: no observed signal leads here");
        }
        // a cause learned from feedback is a template whose slots the engine binds from the incident's own
        // evidence; filled here, a slot the graph cannot name would become a bare placeholder
        boolean learned = card.provenance() == Provenance.LEARNED;
        String rootCause = learned ? card.statement() : Templates.fill(card.statement(), objects);
        Support finding = firstFinding(ordered);
        if (finding != null) {
            // a check over the manifests names the very objects and values at fault: say that first
            String f = finding.signal().excerpt();
            rootCause = f + (f.endsWith(".") ? " " : ". ") + rootCause;
        }
        path.add("root cause: " + rootCause);
        List<String> evidence = new ArrayList<>();
        for (Support s : ordered) {
            if (evidence.size() >= MAX_EVIDENCE) {
                break;
            }
            String ex = s.signal().excerpt().isBlank() ? s.signal().value() : s.signal().excerpt();
            evidence.add(s.signal().key() + (ex.isBlank() ? "" : ": " + ex));
        }
        List<String> confirm = new ArrayList<>();
        for (String c : card.confirm()) {
            confirm.add(Templates.fill(c, objects));
        }
        List<RemediationStep> fix = new ArrayList<>();
        for (RemediationStep r : card.remediation()) {
            fix.add(learned ? r : new RemediationStep(Templates.fill(r.action(), objects),
                    Templates.fill(r.command(), objects), r.destructive()));
        }
        List<String> prevention = new ArrayList<>();
        for (String p : card.prevention()) {
            prevention.add(Templates.fill(p, objects));
        }
        return new CausalChain(card.id(), card.category(), rootCause, path, confirm, fix, prevention, priority,
                evidence);
    }

    /** The strongest manifest finding among the supports, or null. */
    private static Support firstFinding(List<Support> ordered) {
        for (Support s : ordered) {
            // a finding of the manifest checks has the subject kind/name as value and names it in its sentence;
            // a manifest_finding phrase detected in text has the phrase as value
            String v = s.signal().value();
            int slash = v.indexOf('/');
            if (s.signal().kind() == SignalKind.MANIFEST_FINDING && slash > 0 && v.indexOf(' ') < 0
                    && s.signal().excerpt().contains(v.substring(slash + 1))) {
                return s;
            }
        }
        return null;
    }

    private static final Set<String> STOP = Set.of("the", "and", "for", "was", "were", "with", "that", "this",
            "from", "into", "its", "are", "not", "but", "has", "have", "had", "which", "when", "than", "then", "too",
            "pod", "pods", "container", "containers", "because", "due", "so", "it", "is", "of", "to", "in", "on", "a",
            "an", "by", "be", "or", "no", "can", "cannot", "does", "did");

    /** Lower-case word tokens of three or more characters, stop words removed, a plural 's' stripped. */
    static Set<String> tokens(String text) {
        Set<String> out = new HashSet<>();
        StringBuilder w = new StringBuilder();
        String t = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                String s = w.toString();
                if (s.length() > 4 && s.endsWith("s")) {
                    s = s.substring(0, s.length() - 1);
                }
                if (s.length() >= 3 && !STOP.contains(s)) {
                    out.add(s);
                }
                w.setLength(0);
            }
        }
        return out;
    }

    static double cosine(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String s : a) {
            if (b.contains(s)) {
                common++;
            }
        }
        return common / Math.sqrt((double) a.size() * b.size());
    }
}
