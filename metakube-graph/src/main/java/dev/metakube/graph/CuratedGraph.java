package dev.metakube.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.metakube.api.Category;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeException;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.SignalKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the curated Kubernetes causal graph shipped as the resource {@value #RESOURCE}: object kinds and
 * their relations, the symptom vocabulary with detection phrases, and the causes with their symptoms, confirm
 * commands, remediation and prevention. The format is described at the top of the resource.
 */
final class CuratedGraph {
    static final String RESOURCE = "/dev/metakube/graph/kubegraph.yaml";

    private CuratedGraph() {
    }

    /** Reads the shipped resource into {@code into}. */
    static void load(KnowledgeGraph into) {
        try (InputStream in = CuratedGraph.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new MetaKubeException("the curated graph resource " + RESOURCE + " is missing from the jar");
            }
            read(new YAMLMapper().readTree(in), into, RESOURCE);
            // every key the text evidence readers produce must be a symptom the causes can show
            for (String key : dev.metakube.evidence.text.TextEvidenceReader.KEYS) {
                require(into.symptoms.containsKey(key), RESOURCE,
                        "the text evidence finding '" + key + "' is not declared under 'symptoms'");
            }
        } catch (IOException e) {
            throw new MetaKubeException("the curated graph resource " + RESOURCE + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Reads one graph document (the curated format) into {@code into}. */
    static void read(JsonNode root, KnowledgeGraph into, String where) {
        JsonNode kinds = root.path("kinds");
        Iterator<Map.Entry<String, JsonNode>> it = kinds.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            into.addObject(kindId(e.getKey()), NodeType.valueOf(e.getValue().asText()));
        }
        for (JsonNode rel : root.path("schema")) {
            String from = kindId(rel.get(0).asText());
            String to = kindId(rel.get(2).asText());
            require(into.types.containsKey(from), where, "schema names unknown kind " + from);
            require(into.types.containsKey(to), where, "schema names unknown kind " + to);
            into.relate(from, to, EdgeType.valueOf(rel.get(1).asText().toUpperCase(Locale.ROOT)), 1.0,
                    Provenance.CURATED, "");
        }
        it = root.path("symptoms").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            into.addSymptom(new SymptomCard(e.getKey(),
                    SignalKind.valueOf(s.path("kind").asText("error_phrase").toUpperCase(Locale.ROOT)),
                    text(s, "text", where + " symptom " + e.getKey()), strings(s.path("detect")),
                    strings(s.path("match")), s.path("strength").asDouble(0.9), Provenance.CURATED));
        }
        it = root.path("causes").fields();
        List<String[]> leads = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode c = e.getValue();
            String w = where + " cause " + id;
            require(!into.types.containsKey(id), w, "the id is already used by another node");
            List<RemediationStep> fix = new ArrayList<>();
            for (JsonNode f : c.path("fix")) {
                fix.add(new RemediationStep(text(f, "do", w), f.path("run").asText(""),
                        f.path("destructive").asBoolean(false)));
            }
            require(!fix.isEmpty(), w, "needs at least one fix");
            require(!c.path("confirm").isEmpty(), w, "needs at least one confirm command");
            into.addCause(new CauseCard(id, Category.parse(text(c, "category", w)), text(c, "area", w),
                    text(c, "cause", w), strings(c.path("confirm")), fix, strings(c.path("prevent")),
                    Provenance.CURATED, ""));
            for (JsonNode kind : c.path("involves")) {
                String k = kindId(kind.asText());
                require(into.types.containsKey(k), w, "involves unknown kind " + kind.asText());
                into.relate(id, k, EdgeType.INVOLVES, 1.0, Provenance.CURATED, "");
            }
            Iterator<Map.Entry<String, JsonNode>> shows = c.path("shows").fields();
            require(shows.hasNext(), w, "needs at least one symptom under 'shows'");
            while (shows.hasNext()) {
                Map.Entry<String, JsonNode> s = shows.next();
                require(into.symptoms.containsKey(s.getKey()), w, "shows unknown symptom " + s.getKey());
                into.relate(id, s.getKey(), EdgeType.MANIFESTS_AS, s.getValue().asDouble(), Provenance.CURATED, "");
            }
            Iterator<Map.Entry<String, JsonNode>> lt = c.path("leads_to").fields();
            while (lt.hasNext()) {
                Map.Entry<String, JsonNode> l = lt.next();
                leads.add(new String[] {id, l.getKey(), l.getValue().asText()});
            }
        }
        for (String[] l : leads) {
            require(into.causes.containsKey(l[1]), where + " cause " + l[0], "leads_to unknown cause " + l[1]);
            into.relate(l[0], l[1], EdgeType.CAUSES, Double.parseDouble(l[2]), Provenance.CURATED, "");
        }
    }

    static String kindId(String kind) {
        return "kind:" + kind;
    }

    private static void require(boolean ok, String where, String message) {
        if (!ok) {
            throw new InvalidInputException(where, message);
        }
    }

    private static String text(JsonNode n, String field, String where) {
        String t = n.path(field).asText("");
        require(!t.isBlank(), where, "'" + field + "' must not be empty");
        return t.strip();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
