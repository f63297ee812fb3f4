package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Feedback;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.spi.CausalGraph;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.DiagnosticModelProvider;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.MemoryStore;
import dev.metakube.spi.Providers;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in an incident's evidence and in the operator's feedback are removed by the engine before any backend
 * sees them, whichever backends are installed: every call to every backend is recorded and searched.
 */
class RedactionAtTheDoorTest {
    private static final String PASSWORD = "Hunter2-Sup3rS3cret-9f8e";
    private static final String URL_PASSWORD = "p4ssW0rd-in-url-77aa";
    private static final String TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    @TempDir
    Path dir;

    /** A backend that records every argument of every call before passing it on. */
    @SuppressWarnings("unchecked")
    private static <T> T recording(Class<T> type, T backend, List<String> seen) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (args != null) {
                seen.add(method.getName() + Arrays.deepToString(args));
            }
            try {
                return method.invoke(backend, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static Incident leaky(String id) {
        return Incident.builder().id(id).symptoms("pods of the api restart; the password is " + PASSWORD)
                .context("shop", "Pod", "api-7f9c4-x2x8k")
                .evidence(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod api-7f9c4-x2x8k",
                        "State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\nDB_PASSWORD=" + PASSWORD))
                .evidence(Evidence.text("ERROR connecting to postgres://app:" + URL_PASSWORD
                        + "@db.shop.svc:5432/orders failed; GITHUB_TOKEN " + TOKEN))
                .build();
    }

    @Test
    void aPlantedSecretReachesNoBackendNorTheDataDirectory() throws IOException {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        MetaKubeConfig config = MetaKubeConfig.builder().dataDir(dir).seedExperience(false).build();
        DiagnosticModel template = Providers.select(DiagnosticModelProvider.class, MetaKubeConfig.MODEL, config)
                .create(config);
        try (MetaKube mk = MetaKube.builder().config(config)
                .evidenceAnalyzer(recording(EvidenceAnalyzer.class, new TestBackends.KeywordGraph(), seen))
                .causalGraph(recording(CausalGraph.class, new TestBackends.KeywordGraph(), seen))
                .memoryStore(recording(MemoryStore.class, new TestBackends.ScanMemory(), seen))
                .embedder(recording(Embedder.class, new TestBackends.HashEmbedder(), seen))
                .model(recording(DiagnosticModel.class, template, seen)).build()) {
            Diagnosis d = mk.diagnose(leaky("leak-1"));
            assertClean(d.toString());
            mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.CONFIGURATION, "the database password=" + PASSWORD + " had expired")
                    .resolution("rotated it: kubectl create secret generic db --from-literal=password=" + PASSWORD)
                    .attempt("tried token " + TOKEN, false).build());
            // feedback about an incident the engine never diagnosed takes another path
            mk.feedback(Feedback.builder().incident(leaky("leak-2")).verdict(Verdict.INCORRECT)
                    .trueCause(Category.CONFIGURATION, "the password is " + PASSWORD)
                    .resolution("use postgres://app:" + URL_PASSWORD + "@db:5432 no more").build());
            mk.diagnose(leaky("leak-3"));
        }
        String all = String.join("\n", seen);
        assertTrue(all.contains("OOMKilled") && all.contains("api-7f9c4-x2x8k"),
                "the backends saw the incident itself: " + all.length() + " characters");
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("record")), "memory learned from the feedback");
        assertClean(all);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the engine wrote its journal under the data directory");
        for (Path f : files) {
            assertClean(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertClean(String text) {
        assertFalse(text.contains(PASSWORD), "password leaked");
        assertFalse(text.contains(URL_PASSWORD), "URL credential leaked");
        assertFalse(text.contains(TOKEN), "token leaked");
    }
}
