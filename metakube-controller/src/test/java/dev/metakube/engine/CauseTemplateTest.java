package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Episode;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Signal;
import dev.metakube.api.SignalKind;
import dev.metakube.spi.ModelAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Learned causes as templates: slots abstracted from one incident and bound again from another. */
class CauseTemplateTest {
    /** Every object type the evidence analysis names and that a cause may mention. */
    private static final List<String> OBJECT_SLOTS = List.of("pod", "deployment", "statefulset", "daemonset",
            "replicaset", "container", "image", "configmap", "secret", "key", "pvc", "storageclass", "service",
            "serviceaccount", "ingress", "node", "quota", "priorityclass", "webhook");

    /** Workloads of every cluster: their names are part of the fault, not of one incident. */
    private static final List<String> SYSTEM_COMPONENTS = List.of("coredns", "control-plane", "scheduler");

    private static EvidenceAnalysis analysis(ClusterContext context, String text, Map<String, String> objects) {
        List<Signal> signals = new ArrayList<>();
        objects.forEach((type, value) -> signals.add(new Signal("object:" + type, SignalKind.OBJECT, value, "", 0.5)));
        Incident incident = Incident.builder().id("inc").symptoms("something broke").evidence(Evidence.text(text))
                .context(context).build();
        return new EvidenceAnalysis(incident, signals, List.of());
    }

    @Test
    void everyObjectSlotTypeRoundTrips() {
        for (String type : OBJECT_SLOTS) {
            String value = "amber-" + type + "-7";
            EvidenceAnalysis a = analysis(ClusterContext.EMPTY, "", Map.of(type, value));
            String cause = "The " + type + " " + value + " is misconfigured; see " + value + ".";
            String template = CauseTemplate.abstracted(cause, a);
            assertEquals("The " + type + " {" + type + "} is misconfigured; see {" + type + "}.", template, type);
            assertEquals(cause, CauseTemplate.bind(template, a).text(), type);
            assertTrue(CauseTemplate.bind(template, a).unbound().isEmpty(), type);
        }
    }

    @Test
    void contextHostAndAddressSlotsRoundTrip() {
        ClusterContext ctx = new ClusterContext("team-orion", "Deployment", "ledger-api", "1.29",
                Map.of("app", "ledger-web"));
        EvidenceAnalysis a = analysis(ctx, "dial tcp 10.42.7.9:5432 to db.orion.internal failed", Map.of());
        String cause = "ledger-api in team-orion (ledger-web) cannot reach db.orion.internal at 10.42.7.9";
        String template = CauseTemplate.abstracted(cause, a);
        assertEquals("{workload} in {namespace} ({label}) cannot reach {host} at {address}", template);
        assertEquals(cause, CauseTemplate.bind(template, a).text());

        ClusterContext node = new ClusterContext("kube-system", "Node", "worker-3.example.net", "1.29", Map.of());
        EvidenceAnalysis n = analysis(node, "", Map.of());
        assertEquals("{node} is NotReady", CauseTemplate.abstracted("worker-3.example.net is NotReady", n));
    }

    @Test
    void portAndPathSlotsRoundTripAndRebindInNewDress() {
        EvidenceAnalysis first = analysis(ClusterContext.EMPTY, "readinessProbe:\n  httpGet:\n    path: /health/ready\n"
                + "    port: 8081\ncontainerPort: 8080\nmountPath: /etc/app/conf.d\ndial tcp 10.1.2.3:5432 refused",
                Map.of());
        String cause = "The probe asks port 8081 at /health/ready but the app listens on port 8080; "
                + "the config at /etc/app/conf.d names the database at 10.1.2.3:5432";
        String template = CauseTemplate.abstracted(cause, first);
        assertEquals("The probe asks port {port} at {path} but the app listens on port {port2}; "
                + "the config at {path2} names the database at {address}:{port3}", template);
        assertEquals(cause, CauseTemplate.bind(template, first).text());

        EvidenceAnalysis again = analysis(ClusterContext.EMPTY, "readinessProbe:\n  httpGet:\n    path: /live/z\n"
                + "    port: 9091\ncontainerPort: 9090\nmountPath: /srv/cfg\ndial tcp 10.9.8.7:3306 refused",
                Map.of());
        assertEquals("The probe asks port 9091 at /live/z but the app listens on port 9090; "
                + "the config at /srv/cfg names the database at 10.9.8.7:3306",
                CauseTemplate.bind(template, again).text());

        CauseTemplate.Bound none = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY, "", Map.of()));
        assertEquals(List.of("port", "path", "port2", "path2", "address", "port3"), none.unbound());
        assertFalse(none.text().contains("8081") || none.text().contains("/etc/app"));
    }

    @Test
    void aNumberThatIsNotAPortStaysInTheCause() {
        EvidenceAnalysis a = analysis(ClusterContext.EMPTY, "containerPort: 80", Map.of());
        assertEquals("port {port} is closed; 80 percent of requests fail",
                CauseTemplate.abstracted("port 80 is closed; 80 percent of requests fail", a));
    }

    @Test
    void aRecurrenceWithARenamedSecretYieldsTheNewName() {
        EvidenceAnalysis first = analysis(new ClusterContext("shop", "Deployment", "cart", "1.29", Map.of()),
                "", Map.of("secret", "cart-credentials", "key", "DB_PASSWORD"));
        String template = CauseTemplate.abstracted(
                "The Secret cart-credentials lacks the key DB_PASSWORD that cart reads", first);
        EvidenceAnalysis again = analysis(new ClusterContext("fin", "Deployment", "ledger", "1.29", Map.of()),
                "", Map.of("secret", "ledger-secrets", "key", "PG_PASS"));
        CauseTemplate.Bound bound = CauseTemplate.bind(template, again);
        assertEquals("The Secret ledger-secrets lacks the key PG_PASS that ledger reads", bound.text());
        assertFalse(bound.text().contains("cart"));
    }

    @Test
    void aSlotTheNewEvidenceCannotBindIsSaidPlainly() {
        EvidenceAnalysis first = analysis(ClusterContext.EMPTY, "", Map.of("secret", "cart-credentials"));
        String template = CauseTemplate.abstracted("The Secret cart-credentials does not exist", first);
        CauseTemplate.Bound bound = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY, "", Map.of()));
        assertEquals("The Secret " + CauseTemplate.unbound("secret") + " does not exist", bound.text());
        assertEquals(List.of("secret"), bound.unbound());
        assertEquals(List.of("secret"), CauseTemplate.unboundSlots(bound.text()));
        assertFalse(bound.text().contains("cart-credentials"));
    }

    @Test
    void aPlainWordNameOfTheTeachingIncidentIsKeptOnlyWhereTheNewIncidentShowsIt() {
        EvidenceAnalysis first = analysis(ClusterContext.EMPTY,
                "$ docker run quillo/quillo:1.2\nGet https://zorblat.example.org/keys: x509: certificate signed by "
                        + "unknown authority", Map.of());
        String template = CauseTemplate.abstracted("Zorblat serves a certificate signed by an internal CA that the "
                + "quillo container does not trust", first);
        assertTrue(template.contains("{=Zorblat}") && template.contains("{=quillo}"), template);
        assertTrue(template.contains("certificate signed by an internal CA"), "vocabulary stays: " + template);

        CauseTemplate.Bound elsewhere = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY,
                "x509: certificate signed by unknown authority", Map.of()));
        assertFalse(elsewhere.text().toLowerCase(Locale.ROOT).contains("zorblat"), elsewhere.text());
        assertFalse(elsewhere.text().contains("quillo"), elsewhere.text());
        assertEquals(List.of("name"), elsewhere.unbound());
        assertTrue(elsewhere.text().startsWith(CauseTemplate.unbound("name") + " serves a certificate"),
                elsewhere.text());

        CauseTemplate.Bound again = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY,
                "quillo: Get https://zorblat.example.org/keys: x509: certificate signed by unknown authority",
                Map.of()));
        assertEquals("Zorblat serves a certificate signed by an internal CA that the quillo container does not "
                + "trust", again.text());
        assertEquals(List.of(), again.unbound());
    }

    @Test
    void aReleaseVersionOfTheTeachingIncidentIsKeptOnlyWhereTheNewIncidentShowsIt() {
        EvidenceAnalysis first = analysis(ClusterContext.EMPTY,
                "after upgrading the chart to v2.14.1 the pod fails: container has runAsNonRoot and image will run "
                        + "as root; kubectl 1.29.3", Map.of());
        String template = CauseTemplate.abstracted("Since v2.14.1 the image declares no non-root user, so with "
                + "runAsNonRoot the kubelet refuses it; the 3.0 line is not affected", first);
        assertTrue(template.contains("{=v2.14.1}"), template);
        assertTrue(template.contains("the 3.0 line"), "a version the incident does not show is no slot: " + template);

        CauseTemplate.Bound elsewhere = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY,
                "v2.14.10 and 12.14.1 are installed; container has runAsNonRoot and image will run as root", Map.of()));
        assertFalse(elsewhere.text().contains("v2.14.1 "), elsewhere.text());
        assertEquals(List.of("name"), elsewhere.unbound());

        CauseTemplate.Bound again = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY,
                "upgraded to v2.14.1: container has runAsNonRoot and image will run as root", Map.of()));
        assertTrue(again.text().startsWith("Since v2.14.1 the image declares no non-root user"), again.text());
        assertEquals(List.of(), again.unbound());
    }

    @Test
    void aNameDerivedFromASlotIsBoundOnlyWhenTheNewIncidentShowsIt() {
        EvidenceAnalysis first = analysis(new ClusterContext("shop", "Deployment", "cart", "1.29", Map.of()), "",
                Map.of());
        String template = CauseTemplate.abstracted("the TLS secret cart-tls is missing", first);
        assertEquals("the TLS secret {workload}-tls is missing", template);
        ClusterContext ledger = new ClusterContext("fin", "Deployment", "ledger", "1.29", Map.of());
        assertEquals("the TLS secret ledger-tls is missing", CauseTemplate.bind(template,
                analysis(ledger, "secret \"ledger-tls\" not found", Map.of())).text());
        CauseTemplate.Bound unshown = CauseTemplate.bind(template, analysis(ledger, "handshake failed", Map.of()));
        assertFalse(unshown.text().contains("ledger-tls"));
        assertEquals(List.of("workload"), unshown.unbound());
    }

    @Test
    void anAnswerFromALearnedTemplateNamesOnlyTheNewIncidentsObjects() {
        EvidenceAnalysis again = analysis(new ClusterContext("fin", "Deployment", "ledger", "1.29", Map.of()),
                "", Map.of("secret", "ledger-secrets"));
        ModelAnswer learned = new ModelAnswer(Category.CONFIGURATION, "Secret {secret} of {workload} is missing",
                List.of("{secret} missing"), List.of(new RemediationStep("Create {secret}",
                "kubectl create secret generic {secret} -n {namespace}", false)), List.of(),
                List.of(new Hypothesis(Category.CONFIGURATION, "{configmap} is stale", 0.3, "ep-1")), 0.5, List.of());
        ModelAnswer bound = CauseTemplate.bindAnswer(learned, again);
        assertEquals("Secret ledger-secrets of ledger is missing", bound.rootCause());
        assertEquals("kubectl create secret generic ledger-secrets -n fin", bound.remediation().get(0).command());
        assertEquals("ledger-secrets missing", bound.causalChain().get(0));
        assertEquals(CauseTemplate.unbound("configmap") + " is stale", bound.hypotheses().get(0).rootCause());
    }

    @Test
    void quantitiesAndLabelsAreBoundInTheOrderTheEvidenceShowsThem() {
        EvidenceAnalysis first = analysis(ClusterContext.EMPTY,
                "limits: memory: 256Mi\nstress --vm-bytes 750M\nselector: app: web-store", Map.of());
        String template = CauseTemplate.abstracted(
                "The process allocates 750M but the limit is 256Mi; selector app=web-store", first);
        assertEquals("The process allocates {quantity2} but the limit is {quantity}; selector app={label}",
                template);
        EvidenceAnalysis again = analysis(ClusterContext.EMPTY,
                "limits: memory: 512Mi\nstress --vm-bytes 1500M\nselector: app: shop-front", Map.of());
        assertEquals("The process allocates 1500M but the limit is 512Mi; selector app=shop-front",
                CauseTemplate.bind(template, again).text());
        CauseTemplate.Bound none = CauseTemplate.bind(template, analysis(ClusterContext.EMPTY, "", Map.of()));
        assertEquals(List.of("quantity2", "quantity", "label"), none.unbound());
        assertEquals(List.of("quantity2", "quantity", "label"), CauseTemplate.unboundSlots(none.text()));
    }

    @Test
    void vocabularyIsNeverASlot() {
        EvidenceAnalysis a = analysis(new ClusterContext("default", "Deployment", "api", "1.29", Map.of()), "",
                Map.of("resource", "pods", "verb", "list"));
        assertEquals("cannot list pods in the namespace default",
                CauseTemplate.abstracted("cannot list pods in the namespace default", a));
    }

    @Test
    void theSeedExperienceAsRecalledNamesNoSeedWorkload() {
        TestBackends.ScanMemory memory = new TestBackends.ScanMemory();
        List<SeedExperience.Record> records = SeedExperience.load();
        try (MetaKube mk = MetaKube.builder().config(MetaKubeConfig.builder().seedExperience(true).build())
                .memoryStore(memory).build()) {
            int checked = 0;
            for (SeedExperience.Record r : records) {
                String name = r.context() == null ? "" : r.context().name();
                Episode e = memory.episodes.get(r.id());
                if (name.length() < 3 || e == null || SYSTEM_COMPONENTS.contains(name)) {
                    continue;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                assertFalse(e.rootCause().toLowerCase(Locale.ROOT).contains(lower), r.id() + ": " + e.rootCause());
                assertFalse(e.resolution().toLowerCase(Locale.ROOT).contains(lower), r.id() + ": " + e.resolution());
                checked++;
            }
            assertTrue(checked > records.size() / 2, "checked " + checked);
            Diagnosis d = mk.diagnose(Incident.builder().id("new").symptoms("pods restart, OOMKilled")
                    .evidence(Evidence.text("Last State: Terminated Reason: OOMKilled Exit Code: 137"))
                    .context(new ClusterContext("zz-ns", "Deployment", "zz-app", "1.29", Map.of())).build());
            for (Hypothesis h : d.hypotheses()) {
                for (SeedExperience.Record r : records) {
                    String name = r.context() == null ? "" : r.context().name();
                    if (name.length() >= 4 && !SYSTEM_COMPONENTS.contains(name)) {
                        assertFalse(h.rootCause().contains(name), name + " in " + h.rootCause());
                    }
                }
            }
        }
    }
}
