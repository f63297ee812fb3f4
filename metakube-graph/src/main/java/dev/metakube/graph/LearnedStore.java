package dev.metakube.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.Category;
import dev.metakube.api.MetaKubeException;
import dev.metakube.api.RemediationStep;
import dev.metakube.api.SignalKind;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.durable.AtomicFile;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the graph learned (from feedback and documents) apart from the curated base, in
 * {@code <dataDir>/graph/learned.json}: the symptoms and causes it added, remediation added to curated causes,
 * and every edge feedback created or changed, each with its provenance. Written as an {@link AtomicFile} with a
 * checksum line (a file of an earlier version, without one, is read once and rewritten with it); a file that
 * cannot be read is reported as {@link StorageCorruptedException} and never overwritten.
 */
final class LearnedStore {
    static final int FORMAT = 1;
    static final String FILE = "learned.json";
    private static final Logger LOG = LoggerFactory.getLogger(LearnedStore.class);
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Path file;
    private final Fsync fsync;

    /** A remediation step added to a cause by feedback or a document. */
    record ExtraFix(String causeId, RemediationStep step, Provenance provenance) {
    }

    /** @param dir the directory, or {@code null} to keep learned knowledge in memory only */
    LearnedStore(Path dir) {
        this(dir, Fsync.DEFAULT);
    }

    LearnedStore(Path dir, Fsync fsync) {
        this.file = dir == null ? null : dir.resolve(FILE);
        this.fsync = fsync;
    }

    Path file() {
        return file;
    }

    /** Applies the stored knowledge to {@code g}; returns the extra fixes it holds. */
    List<ExtraFix> load(KnowledgeGraph g) {
        List<ExtraFix> fixes = new ArrayList<>();
        if (file == null) {
            return fixes;
        }
        Optional<AtomicFile.Content> content = AtomicFile.readChecked(file, "learned graph");
        if (content.isEmpty()) {
            return fixes;
        }
        JsonNode root;
        try {
            root = json.readTree(content.get().bytes());
        } catch (IOException e) {
            throw new StorageCorruptedException("the learned graph " + file + " cannot be read (" + e.getMessage()
                    + "); it was left untouched: move it away to start without learned knowledge", e);
        }
        if (root == null || root.path("format").asInt(-1) != FORMAT) {
            throw new StorageCorruptedException("the learned graph " + file + " has format "
                    + (root == null ? "none" : root.path("format").asText("none")) + ", expected " + FORMAT
                    + "; it was left untouched");
        }
        try {
            for (JsonNode s : root.path("symptoms")) {
                g.addSymptom(new SymptomCard(s.path("id").asText(), SignalKind.valueOf(s.path("kind").asText()),
                        s.path("text").asText(), strings(s.path("phrases")), List.of(), s.path("strength").asDouble(0.7),
                        Provenance.valueOf(s.path("provenance").asText())));
            }
            for (JsonNode c : root.path("causes")) {
                g.addCause(new CauseCard(c.path("id").asText(), Category.valueOf(c.path("category").asText()),
                        c.path("area").asText(), c.path("statement").asText(), strings(c.path("confirm")),
                        steps(c.path("fix")), strings(c.path("prevention")),
                        Provenance.valueOf(c.path("provenance").asText()), c.path("source").asText("")));
            }
            for (JsonNode f : root.path("fixes")) {
                String cause = f.path("cause").asText();
                if (!g.causes.containsKey(cause)) {
                    LOG.warn("learned remediation for unknown cause {} skipped", cause);
                    continue;
                }
                fixes.add(new ExtraFix(cause, new RemediationStep(f.path("do").asText(), f.path("run").asText(""),
                        f.path("destructive").asBoolean()), Provenance.valueOf(f.path("provenance").asText())));
            }
            for (JsonNode e : root.path("edges")) {
                String from = e.path("from").asText();
                String to = e.path("to").asText();
                if (!g.types.containsKey(from) || !g.types.containsKey(to)) {
                    LOG.warn("learned edge {} -> {} names a node the graph no longer has; skipped", from, to);
                    continue;
                }
                Provenance p = Provenance.valueOf(e.path("provenance").asText());
                Relation r = g.relate(from, to, EdgeType.valueOf(e.path("type").asText()), e.path("weight").asDouble(),
                        p, e.path("source").asText(""));
                if (r != null) {
                    r.weight = Relation.clamp(e.path("weight").asDouble());
                    r.confirmations = e.path("confirmations").asInt();
                    r.refutations = e.path("refutations").asInt();
                    r.learned = true;
                }
            }
        } catch (IllegalArgumentException | MetaKubeException e) {
            throw new StorageCorruptedException("the learned graph " + file + " holds an invalid entry ("
                    + e.getMessage() + "); it was left untouched", e);
        }
        if (content.get().legacy()) {
            AtomicFile.writeChecked(file, content.get().bytes(), fsync, "learned graph");
            LOG.info("{}: written by an earlier version without a checksum; rewritten with one", file);
        }
        return fixes;
    }

    /** Writes the non-curated part of {@code g} atomically; a no-op when kept in memory. */
    void save(KnowledgeGraph g, List<ExtraFix> fixes) {
        if (file == null) {
            return;
        }
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode symptoms = root.putArray("symptoms");
        for (SymptomCard s : g.symptoms.values()) {
            if (s.provenance() != Provenance.CURATED) {
                ObjectNode o = symptoms.addObject();
                o.put("id", s.id()).put("kind", s.kind().name()).put("text", s.text())
                        .put("strength", s.strength()).put("provenance", s.provenance().name());
                ArrayNode ph = o.putArray("phrases");
                s.phrases().forEach(ph::add);
            }
        }
        ArrayNode causes = root.putArray("causes");
        for (CauseCard c : g.causes.values()) {
            if (c.provenance() != Provenance.CURATED) {
                ObjectNode o = causes.addObject();
                o.put("id", c.id()).put("category", c.category().name()).put("area", c.area())
                        .put("statement", c.statement()).put("provenance", c.provenance().name())
                        .put("source", c.source());
                ArrayNode cf = o.putArray("confirm");
                c.confirm().forEach(cf::add);
                ArrayNode fx = o.putArray("fix");
                for (RemediationStep r : c.remediation()) {
                    fx.addObject().put("do", r.action()).put("run", r.command()).put("destructive", r.destructive());
                }
                ArrayNode pv = o.putArray("prevention");
                c.prevention().forEach(pv::add);
            }
        }
        ArrayNode fx = root.putArray("fixes");
        for (ExtraFix f : fixes) {
            fx.addObject().put("cause", f.causeId()).put("do", f.step().action()).put("run", f.step().command())
                    .put("destructive", f.step().destructive()).put("provenance", f.provenance().name());
        }
        ArrayNode edges = root.putArray("edges");
        for (Relation r : g.graph.edgeSet()) {
            if (r.learned || r.provenance != Provenance.CURATED) {
                if (r.type == EdgeType.FIXED_BY) {
                    continue;
                }
                edges.addObject().put("from", g.graph.getEdgeSource(r)).put("to", g.graph.getEdgeTarget(r))
                        .put("type", r.type.name()).put("weight", r.weight).put("confirmations", r.confirmations)
                        .put("refutations", r.refutations).put("provenance", r.provenance.name())
                        .put("source", r.source);
            }
        }
        byte[] bytes;
        try {
            bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("learned knowledge that cannot be written as JSON: " + e.getMessage(), e);
        }
        AtomicFile.writeChecked(file, bytes, fsync, "learned graph");
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<RemediationStep> steps(JsonNode a) {
        List<RemediationStep> out = new ArrayList<>();
        a.forEach(n -> out.add(new RemediationStep(n.path("do").asText(), n.path("run").asText(""),
                n.path("destructive").asBoolean())));
        return out;
    }
}
