package dev.metakube.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.Attempt;
import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Embedding;
import dev.metakube.api.EvidenceAnalysis;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.jsonlines.JsonLines;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.Embedder;
import dev.metakube.spi.ModelAnswer;
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

    /**
     * One record as the engine remembers it: the text and context of its analysed (redacted) incident, the keys
     * of the signals found, the document embedding of the text, and its root cause and solution as cause
     * templates (the record's own values replaced by slots, so that no seed name reaches an answer).
     */
    record Prepared(String id, String text, ClusterContext context, List<String> signalKeys, Embedding embedding,
                    String rootCauseTemplate, String solutionTemplate) {
        Prepared {
            signalKeys = List.copyOf(signalKeys);
        }
    }

    private SeedExperience() {
    }

    /**
     * Analyses and embeds {@code records} and abstracts their causes into templates, as a first start does, on
     * every core (a semantic embedder takes tens of ms per record); the result is in the order of {@code records}.
     */
    static List<Prepared> prepare(List<Record> records, EvidenceAnalyzer analyzer, Embedder embedder, Instant at) {
        return records.parallelStream().map(r -> {
            EvidenceAnalysis a = analyzer.analyze(IncidentRedaction.redact(r.incident(at)));
            String text = IncidentText.of(a);
            // the templates abstract the values the record itself shows, before redaction (as learned causes do)
            EvidenceAnalysis own = analyzer.analyze(r.incident(at));
            return new Prepared(r.id(), text, a.incident().context(), LessonPlanner.signalKeys(a),
                    embedder.document(IncidentText.embedded(a)), CauseTemplate.abstracted(ModelAnswer.clipRootCause(r.rootCause()), own),
                    CauseTemplate.abstracted(r.solution(), own));
        }).toList();
    }

    /**
     * The bundled records analysed and embedded: read from the prepared file shipped with the records when it was
     * made from these records by this analyzer and embedder, otherwise computed now.
     */
    static List<Prepared> prepared(List<Record> records, EvidenceAnalyzer analyzer, Embedder embedder, Instant at) {
        return PreparedExperience.bundled(analyzer, embedder)
                .filter(p -> p.size() == records.size())
                .orElseGet(() -> prepare(records, analyzer, embedder, at));
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
