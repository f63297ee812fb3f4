package dev.metakube.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.Evidence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes generated scenarios as JSON Lines in the scenario format of the design: one object per line,
 * fields in a fixed order, {@code \n} line ends, UTF-8, so the same scenarios always give the same bytes.
 */
public final class ScenarioJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioJson() {
    }

    /** One scenario as a single line of JSON, without the line end. */
    public static String line(GeneratedScenario s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("category", s.category().label());
        o.put("symptoms", s.symptoms());
        ObjectNode ctx = o.putObject("context");
        ctx.put("namespace", s.context().namespace());
        ctx.put("kind", s.context().kind());
        ctx.put("name", s.context().name());
        ctx.put("kubernetesVersion", s.context().kubernetesVersion());
        ObjectNode labels = ctx.putObject("labels");
        s.context().labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> labels.put(e.getKey(), e.getValue()));
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : s.evidence()) {
            ObjectNode n = ev.addObject();
            n.put("kind", e.kind().label());
            n.put("source", e.source());
            n.put("text", e.text());
        }
        o.put("root_cause", s.rootCause());
        strings(o.putArray("root_cause_keywords"), s.rootCauseKeywords());
        strings(o.putArray("fix_keywords"), s.fixKeywords());
        strings(o.putArray("causal_chain"), s.causalChain());
        o.put("fix", s.fix());
        o.put("fault", s.fault());
        o.put("source", "generated");
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scenario " + s.id(), e);
        }
    }

    /** Writes every scenario as one line; does not close the stream. */
    public static void write(List<GeneratedScenario> scenarios, OutputStream out) throws IOException {
        for (GeneratedScenario s : scenarios) {
            out.write(line(s).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.flush();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
