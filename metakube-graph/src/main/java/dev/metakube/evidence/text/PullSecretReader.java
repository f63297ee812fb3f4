package dev.metakube.evidence.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a missing image pull secret: the kubelet's "Unable to retrieve some image pull secrets (name)", or a
 * Secret reported not found that the evidence lists under {@code imagePullSecrets}. Such a Secret is a registry
 * credential, not configuration the application reads: without it the kubelet pulls anonymously and a private
 * registry refuses.
 */
final class PullSecretReader implements LineReader {
    private static final Pattern KUBELET = Pattern.compile(
            "(?i)unable to retrieve some image pull secrets \\(([^)]{1,300})\\)");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "(?i)secrets? \\\\?\"([a-z0-9][a-z0-9.-]{0,252})\\\\?\" not found");
    private static final Pattern JSON_LIST = Pattern.compile(
            "\"imagePullSecrets\"\\s*:\\s*\\[([^\\]]{0,1000})\\]");
    private static final Pattern JSON_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9][a-z0-9.-]{0,252})\"");
    private static final Pattern YAML_NAME = Pattern.compile(
            "^(\\s*)(?:-\\s+)?name:\\s*[\"']?([a-z0-9][a-z0-9.-]{0,252})[\"']?\\s*$");

    private final Set<String> pullSecrets = new LinkedHashSet<>();
    private final Set<String> missing = new LinkedHashSet<>();
    private String missingQuote;
    private String kubeletNames;
    private String kubeletQuote;
    /** Indentation of the open {@code imagePullSecrets:} key, or -1 when none is open. */
    private int listIndent = -1;

    @Override
    public void line(String line, String lower) {
        if (listIndent >= 0) {
            Matcher m = YAML_NAME.matcher(line);
            int indent = indent(line);
            if (m.matches() && (indent > listIndent || indent == listIndent && line.strip().startsWith("-"))) {
                pullSecrets.add(m.group(2));
                return;
            }
            if (!line.isBlank()) {
                listIndent = -1;
            }
        }
        if (lower.contains("imagepullsecrets")) {
            Matcher json = JSON_LIST.matcher(line);
            if (json.find()) {
                Matcher n = JSON_NAME.matcher(json.group(1));
                while (n.find()) {
                    pullSecrets.add(n.group(1));
                }
            } else if (line.strip().startsWith("imagePullSecrets:") && line.strip().length() == 17) {
                listIndent = indent(line);
            }
        }
        if (lower.contains("image pull secrets") && kubeletNames == null) {
            Matcher m = KUBELET.matcher(line);
            if (m.find()) {
                kubeletNames = m.group(1).strip();
                kubeletQuote = line;
            }
        }
        if (lower.contains("not found") && lower.contains("secret")) {
            Matcher m = NOT_FOUND.matcher(line);
            while (m.find()) {
                if (missing.add(m.group(1)) && missingQuote == null) {
                    missingQuote = line;
                }
            }
        }
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    @Override
    public void finish(List<TextFinding> out) {
        for (String name : missing) {
            if (pullSecrets.contains(name)) {
                out.add(TextFinding.of("image-pull-secret-missing", missingQuote, 0.95, "secret", name));
                return;
            }
        }
        if (kubeletNames != null) {
            String first = kubeletNames.split("[,\\s]+")[0];
            out.add(TextFinding.of("image-pull-secret-missing", kubeletQuote, 0.9, "secret", first));
        }
    }
}
