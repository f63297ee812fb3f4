package dev.metakube.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metakube.api.InvalidInputException;
import dev.metakube.incident.IncidentFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metakube export-sft --out FILE [--in FILE]}: turns experience records in the KFRD format (problem,
 * attempts, solution, reasoning, root cause) into chat-format JSON Lines for supervised fine-tuning, one
 * {@code {"messages":[system, user, assistant]}} object per record. The user turn carries the problem, its
 * context and the attempts that did not work; the assistant turn carries the reasoning, the root cause and the
 * solution. Without {@code --in} it exports the seed experience shipped with MetaKube.
 *
 * <p>Every record is checked before anything is written, so bad input leaves no partial output file.
 */
@Command(name = "export-sft", mixinStandardHelpOptions = true,
        description = "Export experience records (KFRD format) as chat-format JSON Lines for LoRA fine-tuning.")
final class ExportSftCommand implements Callable<Integer> {
    /** Class-path location of the seed experience shipped in metakube-controller. */
    static final String SEED_RESOURCE = "/dev/metakube/seed/experience.jsonl";

    /** The system turn of every exported conversation. */
    static final String SYSTEM_PROMPT = "You are MetaKube, a Kubernetes failure diagnosis assistant. Given what an "
            + "operator observed and what they already tried, explain how the evidence points to the root cause, "
            + "state the root cause in one sentence, and give the fix with the kubectl commands to apply and verify it.";

    private static final List<String> REQUIRED = List.of("id", "category", "focus", "problem", "attempts",
            "solution", "reasoning", "root_cause");
    private static final Set<String> KNOWN = Set.of("id", "category", "focus", "problem", "context", "attempts",
            "solution", "reasoning", "root_cause");
    private static final List<String> CONTEXT_FIELDS = List.of("namespace", "kind", "name", "kubernetesVersion");

    @Option(names = "--in", paramLabel = "FILE",
            description = "experience records, JSON Lines (default: the seed experience on the class path)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the chat JSON Lines")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        String name = in == null ? "classpath:" + SEED_RESOURCE : in.toString();
        List<String> lines;
        try (InputStream stream = open(name)) {
            lines = convert(stream, name);
        }
        Path target = out.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Write beside the target and move into place, so a failed write never leaves half a file.
        Path tmp = Files.createTempFile(parent, ".export-sft", ".tmp");
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                for (String line : lines) {
                    w.write(line);
                    w.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        spec.commandLine().getOut().println("wrote " + lines.size() + " chat samples from " + name + " to " + out);
        return 0;
    }

    private InputStream open(String name) throws IOException {
        if (in == null) {
            InputStream s = ExportSftCommand.class.getResourceAsStream(SEED_RESOURCE);
            if (s == null) {
                throw new InvalidInputException(name, "the seed experience is not on the class path; pass --in FILE");
            }
            return s;
        }
        if (Files.isDirectory(in)) {
            throw new InvalidInputException(name, "is a directory, expected a JSON Lines file");
        }
        try {
            return Files.newInputStream(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "no such file");
        }
    }

    /** Reads every record and returns one chat line per record; throws on the first bad line. */
    List<String> convert(InputStream stream, String name) {
        List<String> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, decoder))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + ":" + n;
                JsonNode record = parse(line, where);
                String id = record.get("id").asText();
                if (!ids.add(id)) {
                    throw new InvalidInputException(where, "duplicate record id '" + id + "'");
                }
                lines.add(json.writeValueAsString(chat(record, where)));
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name, "is not UTF-8 text");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(name, "holds no experience records");
        }
        return lines;
    }

    private JsonNode parse(String line, String where) {
        JsonNode o = IncidentFiles.jsonObject(json, line, where);
        o.fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                throw new InvalidInputException(where, "unknown field '" + f + "'; expected "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        });
        for (String f : REQUIRED) {
            JsonNode v = o.get(f);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(where, "missing field '" + f + "'");
            }
            if (f.equals("attempts")) {
                if (!v.isArray()) {
                    throw new InvalidInputException(where, "'attempts' must be a list of strings");
                }
                for (JsonNode a : v) {
                    if (!a.isTextual() || a.asText().isBlank()) {
                        throw new InvalidInputException(where, "'attempts' must hold non-empty strings");
                    }
                }
            } else if (!v.isTextual() || v.asText().isBlank()) {
                throw new InvalidInputException(where, "field '" + f + "' must be a non-empty string");
            }
        }
        JsonNode ctx = o.get("context");
        if (ctx != null && !ctx.isNull() && !ctx.isObject()) {
            throw new InvalidInputException(where, "'context' must be an object");
        }
        return o;
    }

    private ObjectNode chat(JsonNode r, String where) {
        ObjectNode root = json.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM_PROMPT);
        messages.addObject().put("role", "user").put("content", userTurn(r));
        messages.addObject().put("role", "assistant").put("content", assistantTurn(r));
        return root;
    }

    /** Problem, where it happened, and what was already tried. */
    static String userTurn(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append("Problem:\n").append(r.get("problem").asText().strip());
        String where = context(r.get("context"));
        if (!where.isEmpty()) {
            b.append("\n\nContext: ").append(where);
        }
        JsonNode attempts = r.get("attempts");
        if (attempts.isEmpty()) {
            b.append("\n\nNothing has been tried yet.");
        } else {
            b.append("\n\nAlready tried, without success:");
            for (JsonNode a : attempts) {
                b.append("\n- ").append(a.asText().strip());
            }
        }
        return b.toString();
    }

    /** Reasoning first, then the cause it leads to, then the fix. */
    static String assistantTurn(JsonNode r) {
        return "Category: " + r.get("category").asText() + " (" + r.get("focus").asText() + ")"
                + "\n\nReasoning: " + r.get("reasoning").asText().strip()
                + "\n\nRoot cause: " + r.get("root_cause").asText().strip()
                + "\n\nSolution: " + r.get("solution").asText().strip();
    }

    private static String context(JsonNode ctx) {
        if (ctx == null || !ctx.isObject()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ");
        for (String f : CONTEXT_FIELDS) {
            String v = ctx.path(f).asText("");
            if (!v.isBlank()) {
                j.add(f + " " + v);
            }
        }
        return j.toString();
    }
}
