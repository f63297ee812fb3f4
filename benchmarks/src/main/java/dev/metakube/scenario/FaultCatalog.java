package dev.metakube.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.metakube.api.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of fault templates, read from {@code faults-<category>.yaml} beside this class. The
 * catalogue is validated when read: a missing field or a duplicate id fails with the file and fault named.
 */
final class FaultCatalog {
    private static final Set<String> FIELDS = Set.of("id", "label", "area", "kind", "name", "phase", "pod_state", "ready",
            "vars", "symptoms", "root_cause", "root_cause_keywords", "fix", "fix_keywords", "causal_chain",
            "events", "evidence");

    private final Map<Category, List<FaultTemplate>> byCategory;

    private FaultCatalog(Map<Category, List<FaultTemplate>> byCategory) {
        this.byCategory = byCategory;
    }

    /** Reads the catalogue shipped with this package. */
    static FaultCatalog bundled() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<Category, List<FaultTemplate>> map = new EnumMap<>(Category.class);
        Set<String> ids = new HashSet<>();
        for (Category c : Category.values()) {
            String file = "faults-" + c.label() + ".yaml";
            try (InputStream in = FaultCatalog.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("fault catalogue " + file + " is missing from the class path");
                }
                List<FaultTemplate> faults = new ArrayList<>();
                for (JsonNode node : yaml.readTree(in)) {
                    FaultTemplate f = parse(node, c, file);
                    if (!ids.add(f.id())) {
                        throw new IllegalStateException(file + ": duplicate fault id " + f.id());
                    }
                    faults.add(f);
                }
                if (faults.isEmpty()) {
                    throw new IllegalStateException(file + ": no faults");
                }
                map.put(c, List.copyOf(faults));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read fault catalogue " + file, e);
            }
        }
        return new FaultCatalog(map);
    }

    List<FaultTemplate> faults(Category category) {
        return byCategory.get(category);
    }

    private static FaultTemplate parse(JsonNode n, Category c, String file) {
        String id = text(n, "id", file, "?");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalStateException(file + ": fault " + id + " has unknown field " + field);
            }
        }
        if (!id.startsWith(c.label() + "/")) {
            throw new IllegalStateException(file + ": fault id " + id + " must start with " + c.label() + "/");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        if (n.has("vars")) {
            n.get("vars").fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
        }
        List<FaultTemplate.EvidenceTemplate> evidence = new ArrayList<>();
        for (JsonNode e : required(n, "evidence", file, id)) {
            evidence.add(new FaultTemplate.EvidenceTemplate(text(e, "kind", file, id), text(e, "source", file, id),
                    text(e, "text", file, id), e.path("noise").asBoolean(false)));
        }
        return new FaultTemplate(id, c, label(n, c, file, id), text(n, "area", file, id), n.path("kind").asText("Pod"),
                n.path("name").asText("${pod}"), n.path("phase").asText("Running"), n.path("pod_state").asText(""),
                n.path("ready").asText("0/1"), vars, list(n, "symptoms", file, id), list(n, "root_cause", file, id),
                list(n, "root_cause_keywords", file, id), list(n, "fix", file, id), list(n, "fix_keywords", file, id),
                list(n, "causal_chain", file, id), n.has("events") ? list(n, "events", file, id) : List.of(),
                evidence);
    }

    private static Category label(JsonNode n, Category c, String file, String id) {
        if (!n.has("label")) {
            return c;
        }
        String label = n.get("label").asText();
        for (Category k : Category.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalStateException(file + ": fault " + id + " has an unknown label " + label);
    }

    private static JsonNode required(JsonNode n, String field, String file, String id) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isContainerNode() && v.isEmpty())) {
            throw new IllegalStateException(file + ": fault " + id + " lacks " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field, String file, String id) {
        String s = required(n, field, file, id).asText();
        if (s.isBlank()) {
            throw new IllegalStateException(file + ": fault " + id + " has an empty " + field);
        }
        return s;
    }

    private static List<String> list(JsonNode n, String field, String file, String id) {
        JsonNode v = required(n, field, file, id);
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            out.add(v.asText());
        }
        return List.copyOf(out);
    }
}
