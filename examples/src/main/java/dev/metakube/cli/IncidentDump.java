package dev.metakube.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.metakube.api.Evidence;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a collected incident as a YAML incident file, the format {@code diagnose FILE} reads back. */
final class IncidentDump {
    private IncidentDump() {
    }

    /** Writes {@code incident} into {@code dir} (created if needed); returns the file. */
    static Path write(Incident incident, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", incident.id());
        m.put("symptoms", incident.symptoms());
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("namespace", incident.context().namespace());
        ctx.put("kind", incident.context().kind());
        ctx.put("name", incident.context().name());
        ctx.put("kubernetesVersion", incident.context().kubernetesVersion());
        ctx.put("labels", incident.context().labels());
        m.put("context", ctx);
        m.put("observedAt", incident.observedAt().toString());
        List<Map<String, String>> evidence = new ArrayList<>();
        for (Evidence e : incident.evidence()) {
            Map<String, String> em = new LinkedHashMap<>();
            em.put("kind", e.kind().label());
            em.put("source", e.source());
            em.put("text", e.text());
            evidence.add(em);
        }
        m.put("evidence", evidence);
        Path file = dir.resolve(incident.id().replaceAll("[^A-Za-z0-9._-]+", "_") + ".yaml");
        try {
            Files.createDirectories(dir);
            YAMLMapper yaml = YAMLMapper.builder().enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
            yaml.writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new InvalidInputException("--dump", "cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }
}
