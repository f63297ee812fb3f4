package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Category;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.Exploration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbooks become causes, symptoms and commands of the graph; the graph falls into summarised communities. */
class IngestionTest {
    static final String RUNBOOK = """
            # Payments runbook

            General notes about the payments platform. Nothing to diagnose here.

            ## Ledger sync stalls

            When the ledger-sync job logs `ERR_LEDGER_LOCK_TIMEOUT: lock held by another writer`, the sync stalls.
            This happens when a previous sync pod was killed during a node drain and its advisory lock in Postgres
            was never released.

            Check the job with `kubectl logs job/ledger-sync -n payments`.
            Release the stale lock and restart the job:

            ```
            kubectl delete job ledger-sync -n payments
            ```

            To prevent this, always set a lock timeout in the ledger-sync configuration.

            ## Card tokenizer OOM

            The tokenizer pods are OOMKilled during the nightly batch because the HSM client library caches
            every session it opens.
            Raise the memory limit with `kubectl set resources deployment/tokenizer -n payments --limits=memory=2Gi`.
            """;

    @Test
    void runbookSectionsBecomeCausesThatExplorationFinds(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("payments-runbook.md");
        Files.writeString(doc, RUNBOOK);
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir.resolve("data")).build();
        IngestReport r = GraphIngestion.ingest(config, List.of(doc));
        assertEquals(1, r.documents());
        assertEquals(3, r.sections());
        assertEquals(2, r.causesAdded(), r.toString());
        assertEquals(1, r.symptomsAdded(), "the quoted error message is a new symptom");
        assertTrue(r.edgesAdded() >= 2, r.toString());
        assertTrue(Files.exists(r.storedIn()));

        try (CausalGraph g = new KubeGraphProvider().create(config)) {
            EvidenceAnalysis a = ((KubeGraph) g).analyze(Incident.builder().id("i")
                    .evidence(Evidence.text("2026-06-01 ERR_LEDGER_LOCK_TIMEOUT: lock held by another writer")).build());
            List<CausalChain> chains = g.explore(new Exploration(a.signals(), List.of(), 3, 5));
            assertFalse(chains.isEmpty(), a.signals().toString());
            CausalChain top = chains.get(0);
            assertTrue(top.causeId().startsWith("doc:"), top.causeId());
            assertTrue(top.rootCause().contains("advisory lock"), top.rootCause());
            assertEquals("kubectl logs job/ledger-sync -n payments", top.confirm().get(0));
            assertEquals("kubectl delete job ledger-sync -n payments", top.remediation().get(0).command());
            assertTrue(top.remediation().get(0).destructive());
            assertTrue(top.prevention().get(0).contains("lock timeout"), top.prevention().toString());

            EvidenceAnalysis oom = ((KubeGraph) g).analyze(Incident.builder().id("j").symptoms("tokenizer OOMKilled").build());
            List<CausalChain> oomChains = g.explore(new Exploration(oom.signals(), List.of(), 3, 10));
            assertTrue(oomChains.stream()
                    .anyMatch(c -> c.causeId().startsWith("doc:") && c.category() == Category.RESOURCE
                            && c.rootCause().contains("caches every session")), oomChains.toString());
        }
    }

    @Test
    void communitiesPartitionTheKnowledgeWithSummaries() {
        KubeGraph graph = new KubeGraph(MetaKubeConfig.defaults());
        List<IngestReport.Community> communities = graph.read(Communities::detect);
        graph.close();
        assertTrue(communities.size() >= 6, "one community per area at least: " + communities.size());
        Set<String> seen = new HashSet<>();
        int causes = 0;
        for (IngestReport.Community c : communities) {
            for (String id : c.causes()) {
                assertTrue(seen.add(id), "in two communities: " + id);
            }
            causes += c.causes().size();
            assertTrue(c.summary().contains("mostly "), c.summary());
        }
        assertEquals(graph.stats().causes().values().stream().mapToInt(Integer::intValue).sum(), causes);
        assertEquals(communities, new KubeGraph(MetaKubeConfig.defaults()).read(Communities::detect),
                "reproducible");
    }

    @Test
    void unreadableDocumentsAreBadInput(@TempDir Path dir) throws IOException {
        MetaKubeConfig config = MetaKubeConfig.defaults();
        assertThrows(InvalidInputException.class, () -> GraphIngestion.ingest(config, List.of(dir.resolve("none.md"))));
        Path bin = dir.resolve("x.bin");
        Files.write(bin, new byte[] {1, 0, 2});
        assertThrows(InvalidInputException.class, () -> GraphIngestion.ingest(config, List.of(bin)));
        assertThrows(InvalidInputException.class, () -> GraphIngestion.ingest(config, List.of()));
    }
}
