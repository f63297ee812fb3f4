package dev.metakube.store.postgres;

import dev.metakube.api.Category;
import dev.metakube.api.Diagnosis;
import dev.metakube.api.Evidence;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.Incident;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import dev.metakube.spi.ExperienceLog;
import java.io.PrintStream;

/**
 * A process of {@link KilledInstanceIT}: an engine on the shared store {@code args[0]} (user {@code args[1]},
 * password from {@code $METAKUBE_STORE_PASSWORD}) that diagnoses and gives feedback without end, printing
 * {@code ACK <episode id>} after each acknowledged feedback, until it is killed.
 */
public final class SharedStoreChild {
    private SharedStoreChild() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        MetaKubeConfig config = MetaKubeConfig.builder().seedExperience(false)
                .provider(MetaKubeConfig.EMBEDDER, "lexical").provider(MetaKubeConfig.MODEL, "template")
                .property(ExperienceLog.STORE, args[0]).property(ExperienceLog.USER, args[1]).build();
        MetaKube mk = MetaKube.builder().config(config).build();
        out.println("OPEN");
        out.flush();
        for (int i = 0; ; i++) {
            Incident incident = Incident.builder().id("child-" + i).symptoms("pods restart")
                    .evidence(Evidence.text("Last State: Terminated, Reason: OOMKilled, Exit Code: 137 (worker " + i
                            + ")")).build();
            Diagnosis d = mk.diagnose(incident);
            FeedbackReceipt r = mk.feedback(Feedback.builder().diagnosisId(d.id()).verdict(Verdict.INCORRECT)
                    .trueCause(Category.RESOURCE, "worker " + i + " leaks buffers until the limit").build());
            out.println("ACK " + r.episodeId());
            out.flush();
        }
    }
}
