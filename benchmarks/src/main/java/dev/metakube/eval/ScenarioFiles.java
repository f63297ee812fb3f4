package dev.metakube.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.Category;
import dev.metakube.api.InvalidInputException;
import dev.metakube.incident.IncidentFiles;
import dev.metakube.jsonlines.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads scenario files (JSON Lines); every error names the file and line. */
public final class ScenarioFiles {
    static final Set<String> FIELDS = Set.of("id", "category", "symptoms", "evidence", "context", "root_cause",
            "root_cause_keywords", "fix_keywords", "causal_chain", "fix", "fault", "source");
    private static final List<String> REQUIRED = List.of("id", "category", "symptoms", "evidence", "root_cause",
            "root_cause_keywords", "fix_keywords");

    private ScenarioFiles() {
    }

    /** Reads every scenario of a JSON Lines file. */
    public static List<Scenario> read(Path file) {
        String name = file.toString();
        Set<String> ids = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        List<Scenario> out = JsonLines.read(file, (line, where) -> {
            Scenario s = parse(json, line, where);
            if (!ids.add(s.id())) {
                throw new InvalidInputException(where, "duplicate scenario id '" + s.id() + "'");
            }
            return s;
        });
        if (out.isEmpty()) {
            throw new InvalidInputException(name, "holds no scenarios");
        }
        return out;
    }

    /** Parses one line; {@code where} is {@code file:line}. */
    public static Scenario parse(ObjectMapper json, String line, String where) {
        JsonNode o = IncidentFiles.jsonObject(json, line, where);
        IncidentFiles.checkFields(o, FIELDS, where, "scenario");
        for (String f : REQUIRED) {
            if (!o.hasNonNull(f)) {
                throw new InvalidInputException(where, "missing field '" + f + "'");
            }
        }
        Category category;
        try {
            category = Category.parse(o.get("category").asText());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where, e.getMessage());
        }
        return new Scenario(o.get("id").asText(), category, o.get("symptoms").asText(),
                IncidentFiles.evidence(o.get("evidence"), where, "evidence"),
                IncidentFiles.context(o.get("context"), where, "context"), o.get("root_cause").asText(),
                strings(o, "root_cause_keywords", where), strings(o, "fix_keywords", where),
                strings(o, "causal_chain", where), o.path("fix").asText(""), o.path("fault").asText(""),
                o.path("source").asText(""));
    }

    private static List<String> strings(JsonNode o, String field, String where) {
        JsonNode a = o.get(field);
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new InvalidInputException(where, "'" + field + "' must be a list of strings");
        }
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
