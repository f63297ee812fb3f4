package dev.metakube.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import dev.metakube.engine.EngineStats;
import dev.metakube.engine.MetaKube;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code metakube stats}: what MetaKube knows and how it routes: episodes, patterns, graph size, the router's
 * threshold τ and confidence weights, the pathway mix and the recent precision. It only reads: an empty memory is
 * not seeded by it.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Show what MetaKube has learned: memory, graph, router and recent precision.")
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EngineStats s;
        try (MetaKube mk = MetaKube.builder().config(engine.config().seedExperience(false).build()).build()) {
            s = mk.stats();
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view(s)));
        } else {
            out.print(readable(s));
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> view(EngineStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("episodes", s.memory().episodes());
        memory.put("patterns", s.memory().patterns());
        memory.put("embedding_model", s.memory().embeddingModel());
        m.put("memory", memory);
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("nodes", s.graph().nodes());
        graph.put("edges", s.graph().edges());
        graph.put("learned_edges", s.graph().learnedEdges());
        Map<String, Object> causes = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            causes.put(c.label(), s.graph().causes().getOrDefault(c, 0));
        }
        graph.put("causes", causes);
        m.put("graph", graph);
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("threshold", s.router().threshold());
        router.put("weights", s.router().weights());
        router.put("decisions", s.router().decisions());
        router.put("outcomes_learned", s.router().learned());
        m.put("router", router);
        Map<String, Object> calibration = new LinkedHashMap<>();
        for (Pathway p : Pathway.values()) {
            calibration.put(p.name().toLowerCase(Locale.ROOT), s.calibrationSamples().getOrDefault(p, 0));
        }
        m.put("calibration_samples", calibration);
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("diagnoses", s.diagnoses());
        activity.put("intuitive_share", s.intuitiveShare());
        activity.put("feedbacks", s.feedbacks());
        activity.put("feedback_ignored", s.feedbackIgnored());
        activity.put("journal_pending", s.journalPending());
        m.put("this_process", activity);
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("labelled", s.recent().labelled());
        recent.put("window", s.recent().window());
        recent.put("intuitive_share", s.recent().intuitiveShare());
        recent.put("intuitive_precision", s.recent().intuitivePrecision());
        recent.put("analytical_precision", s.recent().analyticalPrecision());
        recent.put("precision", s.recent().precision());
        m.put("recent", recent);
        m.put("backends", s.backends());
        return m;
    }

    static String readable(EngineStats s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "memory:      %d episodes, %d patterns%s%n", s.memory().episodes(),
                s.memory().patterns(), s.memory().embeddingModel().isEmpty() ? ""
                        : " (" + s.memory().embeddingModel() + ")"));
        b.append(String.format(Locale.ROOT, "graph:       %d nodes, %d edges, %d learned%n", s.graph().nodes(),
                s.graph().edges(), s.graph().learnedEdges()));
        b.append(String.format(Locale.ROOT, "router:      τ %.3f, %d outcomes learned%n", s.router().threshold(),
                s.router().learned()));
        StringBuilder w = new StringBuilder();
        s.router().weights().forEach((k, v) -> w.append(w.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.3f", k, v)));
        b.append("weights:     ").append(w).append('\n');
        b.append(String.format(Locale.ROOT, "calibration: %d intuitive, %d analytical outcomes%n",
                s.calibrationSamples().getOrDefault(Pathway.INTUITIVE, 0),
                s.calibrationSamples().getOrDefault(Pathway.ANALYTICAL, 0)));
        if (s.recent().labelled() == 0) {
            b.append("recent:      no feedback in this process yet\n");
        } else {
            b.append(String.format(Locale.ROOT, "recent:      %d labelled, %.0f%% intuitive, precision %.3f "
                            + "(intuitive %.3f, analytical %.3f)%n", s.recent().labelled(),
                    100 * s.recent().intuitiveShare(), s.recent().precision(), s.recent().intuitivePrecision(),
                    s.recent().analyticalPrecision()));
        }
        if (s.journalPending() > 0) {
            b.append("journal:     ").append(s.journalPending()).append(" lesson(s) not yet applied\n");
        }
        b.append("backends:    ").append(s.backends()).append('\n');
        return b.toString();
    }
}
