package dev.metakube.graph;

import dev.metakube.api.Category;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.CausalGraph;
import java.util.List;
import java.util.Random;

/**
 * Builds KubeGraphs of a chosen size for capacity tests and benchmarks: the curated graph plus synthetic symptoms
 * and causes, with relations drawn so that symptom in-degrees follow a Zipf-like law (a few hub symptoms such as
 * CrashLoopBackOff explain many causes, most explain few), as in real knowledge graphs. Deterministic in the seed;
 * kept in memory whatever the configuration says.
 */
public final class SyntheticGraphs {
    private SyntheticGraphs() {
    }

    /** The size of the paper's KubeGraph (appendix D): 44,022 entities. */
    public static final int PAPER_ENTITIES = 44_022;
    /** The size of the paper's KubeGraph (appendix D): 111,832 relations. */
    public static final int PAPER_RELATIONS = 111_832;

    /** Symptom keys of the synthetic part: {@code syn-symptom-<i>}; index 0 is the largest hub. */
    public static String symptomKey(int i) {
        return "syn-symptom-" + i;
    }

    /**
     * A graph with {@code entities} nodes and {@code relations} edges in total (curated part included).
     *
     * @throws InvalidInputException when the size is smaller than the curated graph
     */
    public static CausalGraph create(MetaKubeConfig config, int entities, int relations, long seed) {
        KubeGraph graph = new KubeGraph(config.toBuilder().dataDir(null).build());
        int baseNodes = graph.stats().nodes();
        int baseEdges = graph.stats().edges();
        if (entities <= baseNodes + 10 || relations <= baseEdges + 10) {
            graph.close();
            throw new InvalidInputException("synthetic graph", "needs more than " + baseNodes + " entities and "
                    + baseEdges + " relations (the curated graph)");
        }
        int extraNodes = entities - baseNodes;
        int extraEdges = relations - baseEdges;
        // every synthetic cause has one remediation node: causes + remediations + symptoms = extraNodes
        int symptoms = extraNodes / 4;
        int causes = (extraNodes - symptoms) / 2;
        int remediations = causes;
        symptoms = extraNodes - causes - remediations;
        int fixedEdges = remediations;
        int linkEdges = extraEdges - fixedEdges;
        int causalEdges = linkEdges / 5;
        int manifestEdges = linkEdges - causalEdges;
        final int nSymptoms = symptoms;
        final int nCauses = causes;
        Random r = new Random(seed);
        Category[] cats = Category.values();
        graph.update(g -> {
            for (int i = 0; i < nSymptoms; i++) {
                g.addSymptom(new SymptomCard(symptomKey(i), SignalKind.ERROR_PHRASE, "synthetic symptom " + i,
                        List.of(), List.of(), 0.9, Provenance.DOCUMENT));
            }
            for (int i = 0; i < nCauses; i++) {
                g.addCause(new CauseCard("syn-cause-" + i, cats[i % cats.length], "synthetic",
                        "synthetic cause " + i + " of {pod|the pod}", List.of("kubectl describe pod {pod} -n {namespace}"),
                        List.of(new RemediationStep("synthetic fix " + i, "kubectl rollout restart {workload}", false)),
                        List.of(), Provenance.DOCUMENT, "synthetic"));
            }
            int added = 0;
            while (added < manifestEdges) {
                String cause = "syn-cause-" + r.nextInt(nCauses);
                String symptom = symptomKey(zipf(r, nSymptoms));
                if (g.graph.getEdge(cause, symptom) == null) {
                    g.relate(cause, symptom, EdgeType.MANIFESTS_AS, 0.2 + 0.8 * r.nextDouble(), Provenance.DOCUMENT, "");
                    added++;
                }
            }
            added = 0;
            while (added < causalEdges) {
                String a = "syn-cause-" + r.nextInt(nCauses);
                String b = "syn-cause-" + r.nextInt(nCauses);
                if (!a.equals(b) && g.graph.getEdge(a, b) == null) {
                    g.relate(a, b, EdgeType.CAUSES, 0.2 + 0.8 * r.nextDouble(), Provenance.DOCUMENT, "");
                    added++;
                }
            }
            return null;
        });
        return graph;
    }

    /** Rank in [0, n) with probability about proportional to 1/(rank+1): a Zipf law with exponent 1. */
    private static int zipf(Random r, int n) {
        double hn = Math.log(n) + 0.5772;
        double u = r.nextDouble() * hn;
        int k = (int) Math.floor(Math.exp(u - 0.5772)) - 1;
        return Math.max(0, Math.min(n - 1, k));
    }
}
