package dev.metakube.evidence.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Service that has no endpoints as {@code kubectl} shows it: a {@code kubectl get endpoints} table whose
 * ENDPOINTS column is {@code <none>}, an Endpoints object with {@code subsets: []}. Where the text also shows the
 * Service's selector ({@code Selector:} of {@code kubectl describe svc}) and the labels of the running pods
 * ({@code --show-labels}, or {@code Labels:} of {@code kubectl describe pod}), it checks the one against the
 * other as an SRE does: a selector pair that no pod carries is the fault, named with both sides.
 */
final class ServiceEndpointsReader implements LineReader {
    private static final Pattern ENDPOINTS_HEADER = Pattern.compile("^NAME\\s+ENDPOINTS\\s+AGE\\s*$");
    private static final Pattern EMPTY_ROW = Pattern.compile("^([a-z0-9][a-z0-9.-]{0,252})\\s+<none>\\s+\\S{1,20}\\s*$");
    private static final Pattern SELECTOR = Pattern.compile("^Selector:\\s+([^\\s<][^\\s]{0,500})\\s*$");
    private static final Pattern SERVICE_NAME = Pattern.compile("^Name:\\s+([a-z0-9][a-z0-9.-]{0,252})\\s*$");
    private static final Pattern LABEL_PAIR = Pattern.compile("^([A-Za-z0-9./_-]{1,253})=([A-Za-z0-9._-]{0,63})$");
    private static final Pattern LABELS_LINE = Pattern.compile("^Labels:\\s+(\\S+=\\S*)\\s*$");
    /** A row of {@code kubectl get endpoints} with addresses: the Service and its {@code ip:port} list. */
    private static final Pattern FILLED_ROW = Pattern.compile(
            "^(?:endpoints/)?([a-z0-9][a-z0-9.-]{0,252})\\s+((?:\\d{1,3}(?:\\.\\d{1,3}){3}:\\d{1,5},?){1,50})(?:\\s|$)");
    private static final Pattern ENDPOINT_PORT = Pattern.compile(":(\\d{1,5})");
    /** The port an application says it listens on ({@code listening on :8080}, {@code port(s): 8080}). */
    private static final Pattern LISTEN_PORT = Pattern.compile(
            "(?i)(?:port(?:\\(s\\))?[\"':= ]{1,4}(\\d{2,5})\\b|(https?://[^\\s/\"]{0,100}|0\\.0\\.0\\.0|\\[::]|\\*|localhost|127\\.0\\.0\\.1|[\"'\\s=]):(\\d{2,5})\\b)");
    private static final Pattern LABELS_MORE = Pattern.compile("^\\s{8,}(\\S+=\\S*)\\s*$");

    private boolean endpointsTable;
    private String emptyService;
    private String emptyQuote;
    private String lastName;
    private String selector;
    private String selectorService;
    private boolean labelsColumn;
    private boolean inLabels;
    /** Labels read, by the object they belong to ({@code Name:} of a describe block; "" for a table). */
    private final Map<String, Map<String, String>> labelsByObject = new LinkedHashMap<>();
    private String labelsOwner = "";
    private String endpointsService;
    private String endpointsQuote;
    private final Set<String> endpointPorts = new TreeSet<>();
    private String listenPort;
    private String loopbackQuote;
    private String loopbackPort;
    private boolean refused;

    @Override
    public void line(String line, String lower) {
        String trimmed = line.strip();
        // each pattern below starts with a literal: lines that do not start with it are not tried
        Matcher name = trimmed.startsWith("Name:") ? SERVICE_NAME.matcher(trimmed) : null;
        if (name != null && name.matches()) {
            lastName = name.group(1);
        } else if (line.startsWith("  name: ")) {
            // metadata.name of a YAML object (an Endpoints object shown with -o yaml)
            Matcher meta = SERVICE_NAME.matcher("Name: " + line.substring(8).strip());
            if (meta.matches()) {
                lastName = meta.group(1);
            }
        }
        if (inLabels) {
            Matcher more = LABELS_MORE.matcher(line);
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && more.matches()) {
                addPairs(labelsOwner, more.group(1));
                return;
            }
            inLabels = false;
        }
        if (trimmed.startsWith("NAME") && ENDPOINTS_HEADER.matcher(trimmed).matches()) {
            endpointsTable = true;
            return;
        }
        refused |= lower.contains("connection refused");
        if (listenPort == null && (lower.contains("listen") || lower.contains("started on port")
                || lower.contains("running on") || lower.contains("running at"))) {
            listening(line);
        }
        if (endpointsTable) {
            Matcher filled = FILLED_ROW.matcher(trimmed);
            if (filled.find() && endpointsService == null) {
                endpointsService = filled.group(1);
                endpointsQuote = trimmed;
                Matcher p = ENDPOINT_PORT.matcher(filled.group(2));
                while (p.find()) {
                    endpointPorts.add(p.group(1));
                }
                return;
            }
            Matcher row = EMPTY_ROW.matcher(trimmed);
            if (row.matches() && emptyService == null) {
                emptyService = row.group(1);
                emptyQuote = trimmed;
                return;
            }
            endpointsTable = trimmed.length() > 0 && !trimmed.startsWith("$") && !lower.contains("kubectl");
        }
        if (emptyService == null && trimmed.equals("subsets: []")) {
            emptyService = lastName;
            emptyQuote = trimmed;
        }
        Matcher sel = trimmed.startsWith("Selector:") ? SELECTOR.matcher(trimmed) : null;
        if (sel != null && sel.matches() && selector == null && sel.group(1).contains("=")) {
            selector = sel.group(1);
            selectorService = lastName;
            return;
        }
        Matcher labels = trimmed.startsWith("Labels:") ? LABELS_LINE.matcher(trimmed) : null;
        if (labels != null && labels.matches() && lastName != null) {
            labelsOwner = lastName;
            addPairs(labelsOwner, labels.group(1));
            inLabels = true;
            return;
        }
        if (trimmed.startsWith("NAME ") && trimmed.endsWith("LABELS")) {
            labelsColumn = true;
            return;
        }
        if (labelsColumn) {
            String[] cells = trimmed.split("\\s+");
            String last = cells[cells.length - 1];
            if (cells.length >= 3 && last.contains("=")) {
                addPairs("", last);
            } else {
                labelsColumn = false;
            }
        }
    }

    /** The port of a line where the application says it listens, unless it listens on loopback only. */
    private void listening(String line) {
        Matcher m = LISTEN_PORT.matcher(line);
        if (!m.find()) {
            return;
        }
        String host = m.group(2);
        if (host != null && (host.contains("127.0.0.1") || host.contains("localhost"))) {
            // a loopback bind: reachable from inside the container only, never on the pod IP
            if (loopbackQuote == null) {
                loopbackQuote = line.strip();
                loopbackPort = m.group(3);
            }
            return;
        }
        listenPort = m.group(1) != null ? m.group(1) : m.group(3);
    }

    private void addPairs(String owner, String text) {
        Map<String, String> labels = labelsByObject.computeIfAbsent(owner, k -> new LinkedHashMap<>());
        for (String pair : text.split(",")) {
            Matcher m = LABEL_PAIR.matcher(pair.strip());
            if (m.matches()) {
                labels.putIfAbsent(m.group(1), m.group(2));
            }
        }
    }

    @Override
    public void finish(List<TextFinding> out) {
        // the Service's own labels (its describe block) are not the pods'
        Map<String, String> podLabels = new LinkedHashMap<>();
        labelsByObject.forEach((owner, labels) -> {
            if (!owner.equals(selectorService)) {
                labels.forEach(podLabels::putIfAbsent);
            }
        });
        if (selector != null && !podLabels.isEmpty()) {
            for (String pair : selector.split(",")) {
                Matcher m = LABEL_PAIR.matcher(pair.strip());
                if (m.matches() && !m.group(2).equals(podLabels.get(m.group(1)))) {
                    String service = selectorService != null ? selectorService : emptyService;
                    String have = podLabels.containsKey(m.group(1)) ? m.group(1) + "=" + podLabels.get(m.group(1))
                            : "no " + m.group(1) + " label";
                    out.add(TextFinding.of("service-selector-no-match", "Service " + (service == null ? "" : service
                            + " ") + "selects " + selector + " but the pods shown have " + have, 0.95,
                            "service", service, "selector", selector, "labels", labels(podLabels)));
                    return;
                }
            }
        }
        if (loopbackQuote != null && refused && listenPort == null) {
            // the application answers on 127.0.0.1 only, and connections from outside the container are refused
            out.add(TextFinding.of("app-listens-loopback", loopbackQuote, 0.9, "port", loopbackPort));
            return;
        }
        if (listenPort != null && !endpointPorts.isEmpty() && !endpointPorts.contains(listenPort)) {
            // the endpoints carry the Service's targetPort: traffic goes to a port the application does not serve
            String ports = String.join(", ", endpointPorts);
            out.add(TextFinding.of("service-target-port-mismatch", "Service " + endpointsService + " sends traffic to "
                    + "port " + ports + " of its endpoints (" + endpointsQuote + ") but the application listens on "
                    + listenPort, 0.9, "service", endpointsService, "port", ports, "containerport", listenPort));
            return;
        }
        if (emptyService != null) {
            out.add(TextFinding.of("no-endpoints", emptyQuote, 0.9, "service", emptyService));
        }
    }

    private static String labels(Map<String, String> podLabels) {
        StringBuilder b = new StringBuilder();
        podLabels.forEach((k, v) -> {
            if (!k.equals("pod-template-hash") && !k.equals("controller-revision-hash")) {
                b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v);
            }
        });
        return b.toString();
    }
}
