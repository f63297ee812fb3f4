package dev.metakube.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.jsonlines.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bundled experience (KFRD format: problem, attempts, solution, reasoning, root cause) that seeds an empty
 * memory, so that a new user's first diagnoses already draw on experience.
 */
final class SeedExperience {
    /** The class path resource holding the records, one JSON object per line. */
    static final String RESOURCE = "/dev/metakube/seed/experience.jsonl";

    /** One seed record. */
    record Record(String id, Category category, String focus, String problem, ClusterContext context,
                  List<String> attempts, String solution, String reasoning, String rootCause) {
        Incident incident(Instant at) {
            return new Incident(id, problem, List.of(Evidence.text(problem)), context, at);
        }

        List<Attempt> attemptList() {
            List<Attempt> out = new ArrayList<>();
            for (String a : attempts) {
                out.add(new Attempt(a, false));
            }
            if (!solution.isBlank()) {
                out.add(new Attempt(solution, true));
            }
            return out;
        }
    }

    private SeedExperience() {
    }

    /** The bundled records; empty when the resource is absent. */
    static List<Record> load() {
        try (InputStream in = SeedExperience.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new StorageCorruptedException("cannot read the bundled experience " + RESOURCE + ": " + e, e);
        }
    }

    static List<Record> parse(InputStream in, String name) {
        ObjectMapper json = new ObjectMapper();
        return JsonLines.read(in, name, (line, where) -> {
            JsonNode o;
            try {
                o = json.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidInputException(where, "not valid JSON: " + e.getOriginalMessage());
            }
            JsonNode ctx = o.path("context");
            List<String> attempts = new ArrayList<>();
            o.path("attempts").forEach(a -> attempts.add(a.asText()));
            return new Record(text(o, "id", where), Category.parse(text(o, "category", where)), o.path("focus").asText(""),
                    text(o, "problem", where),
                    new ClusterContext(ctx.path("namespace").asText(""), ctx.path("kind").asText(""),
                            ctx.path("name").asText(""), ctx.path("kubernetesVersion").asText(""), Map.of()),
                    attempts, o.path("solution").asText(""), o.path("reasoning").asText(""),
                    text(o, "root_cause", where));
        });
    }

    private static String text(JsonNode o, String field, String where) {
        String v = o.path(field).asText("");
        if (v.isBlank()) {
            throw new InvalidInputException(where, "missing field '" + field + "'");
        }
        return v;
    }
}
