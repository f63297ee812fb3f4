package dev.metakube.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads incidents from files: JSON or YAML in the incident format, or any other text taken as evidence.
 * Input is bounded: a plain-text file over {@link #MAX_BYTES} is cut to its last {@code MAX_BYTES} (the newest
 * log lines) and the cut is reported; a structured file over the bound is refused.
 */
public final class IncidentFiles {
    /** The most bytes read from one file. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    static final Set<String> INCIDENT_FIELDS = Set.of("id", "symptoms", "evidence", "context", "observedAt");
    static final Set<String> EVIDENCE_FIELDS = Set.of("kind", "source", "text");
    static final Set<String> CONTEXT_FIELDS = Set.of("namespace", "kind", "name", "kubernetesVersion", "labels");

    /** An incident read from a file, with what reading it did that a person should know. */
    public record Read(Incident incident, List<String> notes) {
    }

    private IncidentFiles() {
    }

    /** Reads {@code path}, or standard input when it is {@code "-"}. */
    public static Read read(String path, InputStream stdin) {
        String name = path.equals("-") ? "<stdin>" : path;
        byte[] bytes;
        boolean cut;
        long size;
        try (InputStream in = path.equals("-") ? stdin : Files.newInputStream(Path.of(path))) {
            Bounded b = readBounded(in);
            bytes = b.bytes;
            cut = b.cut;
            size = b.size;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage());
        }
        return parse(name, bytes, cut, size);
    }

    static Read parse(String name, byte[] bytes, boolean cut, long size) {
        String text = decode(name, bytes, cut);
        if (text.isBlank()) {
            throw new InvalidInputException(name, "the file is empty: nothing to diagnose");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String head = text.stripLeading();
        boolean json = lower.endsWith(".json") || (!lower.endsWith(".txt") && !lower.endsWith(".log") && head.startsWith("{"));
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml")
                || (!json && !lower.endsWith(".txt") && !lower.endsWith(".log") && looksLikeIncidentYaml(head));
        List<String> notes = new ArrayList<>();
        if (looksLikeKubernetesObjects(head)) {
            // plain manifests or kubectl get -o yaml|json output: the objects are the evidence
            if (cut) {
                notes.add(name + " is " + size + " bytes; read its last " + MAX_BYTES + " bytes");
            }
            String id = Path.of(name).getFileName().toString().replaceAll("\\.[A-Za-z0-9]+$", "");
            Incident incident = Incident.builder().id(id.isBlank() ? "incident" : id)
                    .evidence(new Evidence(EvidenceKind.MANIFEST, name, text)).build();
            return new Read(incident, notes);
        }
        if (json || yaml) {
            if (cut) {
                throw new InvalidInputException(name, "is " + size + " bytes; structured incidents are limited to "
                        + MAX_BYTES + " bytes (pass large logs as a plain text file instead)");
            }
            JsonNode node;
            try {
                node = (json ? new ObjectMapper() : new YAMLMapper()).readTree(text);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? name : name + ":" + e.getLocation().getLineNr();
                throw new InvalidInputException(where, "malformed " + (json ? "JSON" : "YAML") + ": "
                        + e.getOriginalMessage());
            }
            return new Read(fromNode(node, name, "incident"), notes);
        }
        if (cut) {
            notes.add(name + " is " + size + " bytes; read its last " + MAX_BYTES + " bytes (the newest lines)");
        }
        String id = Path.of(name).getFileName().toString().replaceAll("\\.[A-Za-z0-9]+$", "");
        Incident incident = Incident.builder().id(id.isBlank() ? "incident" : id)
                .evidence(new Evidence(EvidenceKind.TEXT, name, text)).build();
        return new Read(incident, notes);
    }

    /** Builds an incident from a parsed JSON/YAML object; {@code where} names it in errors. */
    public static Incident fromNode(JsonNode node, String file, String where) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file, "expected an object with fields " + INCIDENT_FIELDS);
        }
        checkFields(node, INCIDENT_FIELDS, file, where);
        String id = node.path("id").asText("");
        return new Incident(id.isBlank() ? "incident" : id, node.path("symptoms").asText(""),
                evidence(node.get("evidence"), file, where + ".evidence"),
                context(node.get("context"), file, where + ".context"), instant(node.get("observedAt"), file, where));
    }

    /** Evidence given as a string or as a list of {@code {kind, source, text}}. */
    public static List<Evidence> evidence(JsonNode node, String file, String where) {
        List<Evidence> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            out.add(Evidence.text(node.asText()));
            return out;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(file, where + " must be a string or a list of {kind, source, text}");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String at = where + "[" + i + "]";
            if (e.isTextual()) {
                out.add(Evidence.text(e.asText()));
                continue;
            }
            if (!e.isObject()) {
                throw new InvalidInputException(file, at + " must be an object {kind, source, text}");
            }
            checkFields(e, EVIDENCE_FIELDS, file, at);
            if (!e.hasNonNull("text")) {
                throw new InvalidInputException(file, at + " has no 'text'");
            }
            EvidenceKind kind;
            try {
                kind = EvidenceKind.parse(e.path("kind").asText(""));
            } catch (InvalidInputException x) {
                throw new InvalidInputException(file, at + ".kind: " + x.getMessage());
            }
            out.add(new Evidence(kind, e.path("source").asText(""), e.get("text").asText()));
        }
        return out;
    }

    /** A cluster context object; absent means empty. */
    public static ClusterContext context(JsonNode node, String file, String where) {
        if (node == null || node.isNull()) {
            return ClusterContext.EMPTY;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(file, where + " must be an object");
        }
        checkFields(node, CONTEXT_FIELDS, file, where);
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = node.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                throw new InvalidInputException(file, where + ".labels must be an object of strings");
            }
            l.fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        }
        return new ClusterContext(node.path("namespace").asText(""), node.path("kind").asText(""),
                node.path("name").asText(""), node.path("kubernetesVersion").asText(""), labels);
    }

    /** Parses one JSON Lines record, which must be an object; {@code where} is {@code file:line}. */
    public static JsonNode jsonObject(ObjectMapper json, String line, String where) {
        JsonNode o;
        try {
            o = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where, "malformed JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new InvalidInputException(where, "expected a JSON object per line");
        }
        return o;
    }

    /** Fails on a field not in {@code known}, naming it and the known ones. */
    public static void checkFields(JsonNode node, Set<String> known, String file, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!known.contains(f)) {
                throw new InvalidInputException(file, "unknown field '" + f + "' in " + where + "; known fields: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private static Instant instant(JsonNode node, String file, String where) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(file, where + ".observedAt is not an ISO-8601 instant: " + node.asText());
        }
    }

    /**
     * Whether the text is Kubernetes objects rather than an incident: YAML whose first key is {@code apiVersion}
     * or {@code kind} (comments and {@code ---} skipped, as Helm prints them), or JSON whose opening names
     * {@code apiVersion} and {@code kind} and none of the incident's fields.
     */
    static boolean looksLikeKubernetesObjects(String head) {
        if (head.startsWith("{")) {
            String start = head.length() > 4_096 ? head.substring(0, 4_096) : head;
            return start.contains("\"apiVersion\"") && start.contains("\"kind\"") && !start.contains("\"symptoms\"")
                    && !start.contains("\"evidence\"");
        }
        for (String line : head.split("\n", 200)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
                continue;
            }
            return t.startsWith("apiVersion:") || t.startsWith("kind:");
        }
        return false;
    }

    private static boolean looksLikeIncidentYaml(String head) {
        for (String line : head.split("\n", 20)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("---")) {
                continue;
            }
            return t.matches("(id|symptoms|evidence|context|observedAt):.*");
        }
        return false;
    }

    private static String decode(String name, byte[] bytes, boolean cut) {
        int probe = Math.min(bytes.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException(name, "looks like a binary file (it contains NUL bytes); "
                        + "expected a JSON or YAML incident or plain text");
            }
        }
        int start = 0;
        if (cut) {
            // The cut may fall inside a multi-byte character: start at the next line.
            while (start < bytes.length && bytes[start] != '\n') {
                start++;
            }
            start = Math.min(bytes.length, start + 1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name, "is not UTF-8 text (binary file?); expected a JSON or YAML "
                    + "incident or plain text");
        }
    }

    private record Bounded(byte[] bytes, boolean cut, long size) {
    }

    /** Reads everything but keeps only the last {@link #MAX_BYTES} bytes. */
    private static Bounded readBounded(InputStream in) throws IOException {
        byte[] ring = new byte[MAX_BYTES];
        long total = 0;
        int n;
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                ring[(int) ((total + i) % MAX_BYTES)] = buf[i];
            }
            if (total + n <= MAX_BYTES) {
                small.write(buf, 0, n);
            }
            total += n;
        }
        if (total <= MAX_BYTES) {
            return new Bounded(small.toByteArray(), false, total);
        }
        byte[] last = new byte[MAX_BYTES];
        int head = (int) (total % MAX_BYTES);
        System.arraycopy(ring, head, last, 0, MAX_BYTES - head);
        System.arraycopy(ring, 0, last, MAX_BYTES - head, head);
        return new Bounded(last, true, total);
    }
}
