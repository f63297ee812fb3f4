package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Feedback;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import dev.metakube.scenario.GeneratedScenario;
import dev.metakube.scenario.ScenarioGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No root cause names an object that its incident does not mention, over every scenario set there is: the
 * starter set, the field and holdout sets of incidents written as operators report them, a generated set and
 * synthetic incidents built here, diagnosed by the default engine seeded with
 * the bundled experience (whose remembered causes carry other incidents' names), frozen and learning.
 */
class NoForeignNamesTest {
    @Test
    void noRootCauseNamesAnObjectAbsentFromItsIncident() {
        List<Scenario> all = scenarios(120);
        List<String> offenders = offenders(all, false);
        assertTrue(all.size() > 270, "scenarios: " + all.size());
        assertTrue(offenders.isEmpty(), offenders.size() + " root causes name foreign objects:\n"
                + String.join("\n", offenders));
    }

    /**
     * The same in learning mode: each incident's true cause is fed back after its diagnosis, so that later
     * incidents recall causes learned from earlier ones (memory and the learned graph), then each incident is
     * diagnosed again in new dress (every object renamed), where every learned cause is one of another incident.
     * Fewer generated scenarios than frozen: each is diagnosed twice and learned from.
     */
    @Test
    void noRootCauseNamesAnObjectAbsentFromItsIncidentWhileLearning() {
        List<Scenario> all = scenarios(40);
        List<String> offenders = offenders(all, true);
        assertTrue(all.size() > 230, "scenarios: " + all.size());
        assertTrue(offenders.isEmpty(), offenders.size() + " root causes name foreign objects:\n"
                + String.join("\n", offenders));
    }

    /** The starter, field and holdout sets, {@code generated} generated scenarios and the synthetic incidents. */
    private static List<Scenario> scenarios(int generated) {
        List<Scenario> all = new ArrayList<>(ScenarioFiles.read(Path.of("scenarios", "starter.jsonl")));
        all.addAll(ScenarioFiles.read(Path.of("scenarios", "field.jsonl")));
        all.addAll(ScenarioFiles.read(Path.of("scenarios", "holdout.jsonl")));
        for (GeneratedScenario g : new ScenarioGenerator(11).generate(generated)) {
            all.add(new Scenario(g.id(), g.category(), g.symptoms(), g.evidence(), g.context(), g.rootCause(),
                    g.rootCauseKeywords(), g.fixKeywords(), g.causalChain(), g.fix(), g.fault(), "generated"));
        }
        all.addAll(synthetic());
        return all;
    }

    /** Diagnoses every scenario (and, learning, its truth fed back and its variant in new dress after it). */
    private static List<String> offenders(List<Scenario> all, boolean learn) {
        List<String> offenders = new ArrayList<>();
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(null).seedExperience(true).build();
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        try (MetaKube mk = MetaKube.builder().config(config).build()) {
            for (Scenario s : all) {
                List<Scenario> both = learn ? List.of(s, NewDress.variant(s, 3)) : List.of(s);
                for (Scenario one : both) {
                    Diagnosis d = mk.diagnose(one.incident(at));
                    var foreign = IncidentScoring.grade(one, d).foreignNames();
                    if (!foreign.isEmpty()) {
                        offenders.add(one.id() + " " + foreign + ": " + d.rootCause());
                    }
                    if (learn && one == s && !s.rootCause().isEmpty()) {
                        boolean hit = ScenarioResult.grade(s, d, 0).rootCauseHit();
                        mk.feedback(Feedback.builder().diagnosisId(d.id())
                                .verdict(hit ? Verdict.CORRECT : Verdict.INCORRECT)
                                .trueCause(s.category(), s.rootCause()).resolution(s.resolution()).at(at).build());
                    }
                }
            }
        }
        return offenders;
    }

    /** Incidents with unusual names, short on evidence, where a remembered cause is all the engine has. */
    private static List<Scenario> synthetic() {
        List<Scenario> out = new ArrayList<>();
        String[][] cases = {
            {"resource", "zeta-ledger-6c9d", "tiller-ns", "the ledger keeps restarting", "Reason: OOMKilled"},
            {"image", "quartz-api-55f", "ops-east", "new pods do not start", "Back-off pulling image"},
            {"network", "orbit-gw-1", "edge-2", "clients time out", "dial tcp 10.0.3.7:8443: i/o timeout"},
            {"configuration", "mango-job-x7", "batch-q", "the job fails at once",
                "Error: secret \"mango-creds\" not found"},
            {"scheduling", "lyra-worker-0", "ml-train", "the pod stays pending", "0/4 nodes are available"},
            {"system", "pebble-node-3", "default", "the node flaps", "PLEG is not healthy"},
            {"configuration", "kite-web-2", "web-prod", "it is broken", "something is wrong"},
        };
        for (String[] c : cases) {
            out.add(new Scenario("synthetic-" + c[1], Category.parse(c[0]), c[3],
                    List.of(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n " + c[2], c[4])),
                    new ClusterContext(c[2], "Pod", c[1], "", Map.of()), "", List.of(), List.of(), List.of(), "",
                    "", "synthetic"));
        }
        return out;
    }
}
