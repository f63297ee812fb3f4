package dev.metakube.evidence.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the decisive lines of an application log: the first fatal exception (Java, Python, Go, Node), the
 * dependency that refuses or times out (host and port), the host that does not resolve, TLS certificate errors
 * with their dates, database and driver errors, shell errors, missing environment variables, permission errors
 * and binaries built for another CPU. The first occurrence of each kind is kept: what follows is usually a
 * consequence of it.
 */
final class DecisiveLineReader implements LineReader {
    private static final String HOST = "((?:\\d{1,3}\\.){3}\\d{1,3}|\\[[0-9a-fA-F:]{2,45}\\]|[A-Za-z][A-Za-z0-9-]{0,62}(?:\\.[A-Za-z0-9-]{1,63}){0,10})";
    private static final Pattern HOST_PORT = Pattern.compile(HOST + ":(\\d{2,5})\\b");
    private static final Pattern PROGRAM_FILE = Pattern.compile("Unable to access jarfile (\\S{1,300})"
            + "|can't open file '([^']{1,300})': \\[Errno 2\\]|Could not find or load main class (\\S{1,300})");
    /** A source location in a log line ({@code remote_runtime.go:407}, {@code app.py:88}): no host. */
    private static final Pattern SOURCE_FILE = Pattern.compile(
            "\\.(?:go|py|java|kt|scala|js|mjs|cjs|ts|rb|rs|c|cc|cpp|h|cs|php|ex|exs|erl)$");
    private static final Pattern PG_HOST_PORT = Pattern.compile(
            "(?i)on host \"([^\"\\s]{1,253})\"[^\\n]{0,80}?on port (\\d{2,5})");
    private static final Pattern JAVA_EXCEPTION = Pattern.compile(
            "((?:[a-z_$][\\w$]{0,60}\\.){1,12}[A-Z][\\w$]{0,80}(?:Exception|Error))(?::[ \\t]?([^\\n]{0,300}))?");
    private static final Pattern PY_EXCEPTION = Pattern.compile(
            "^((?:[A-Za-z_]\\w{0,60}\\.){0,6}[A-Z]\\w{0,80}(?:Error|Exception|Exit|Interrupt|NotFound|Failure))(?::[ \\t]?([^\\n]{0,300}))?$");
    private static final Pattern NODE_ERROR = Pattern.compile(
            "^(?:Uncaught |[\\w ]{0,60}?)?\\b([A-Z]\\w{0,40}Error|Error)(?: \\[[A-Z_]{2,40}\\])?: ([^\\n]{1,300})$");
    private static final Pattern GO_PANIC = Pattern.compile("^(?:panic|fatal error): ([^\\n]{1,300})");
    private static final Pattern FATAL_LOG = Pattern.compile(
            "(?:level=fatal|\"level\":\"fatal\"|^F\\d{4} |\\bFATAL\\b|\\[FATAL\\])[^\\n]{0,20}?(?:msg=)?\"?([^\\n]{1,300})");
    private static final Pattern LOOKUP = Pattern.compile(
            "(?:lookup |ENOTFOUND |UnknownHostException: |[Rr]esolve host:? '?|can't resolve '|getaddrinfo (?:ENOTFOUND|EAI_AGAIN) |[Uu]nknown host '?)"
                    + "([A-Za-z0-9][A-Za-z0-9.-]{0,252})");
    private static final Pattern X509_EXPIRED = Pattern.compile(
            "(?i)certificate has expired or is not yet valid(?:: current time (\\S{1,40}) is (after|before) (\\S{1,40}))?");
    private static final Pattern X509_HOST = Pattern.compile(
            "(?i)certificate is valid for ([^\\n]{1,200}?), not ([A-Za-z0-9*.:-]{1,253})");
    private static final Pattern DB_ERROR = Pattern.compile(
            "(?i)(password authentication failed for user \"?[^\"\\s]{1,64}\"?|database \"?[^\"\\s]{1,64}\"? does not exist"
                    + "|role \"?[^\"\\s]{1,64}\"? does not exist|access denied for user '?[^'\\s]{1,64}'?(?:@'?[^'\\s]{1,253}'?)?"
                    + "|unknown database '?[^'\\s]{1,64}'?|too many connections|sqlstate\\[?\\w{1,10}\\]?[^\\n]{0,120}"
                    + "|ora-\\d{5}[^\\n]{0,120}|authentication failed[^\\n]{0,60}mongo[^\\n]{0,60}|no pg_hba.conf entry[^\\n]{0,120})");
    private static final Pattern SHELL_ERROR = Pattern.compile(
            "(?i)(syntax error(?: near unexpected token [^\\n]{1,40}|: unexpected [^\\n]{1,40}| at line \\d{1,6}[^\\n]{0,40})"
                    + "|bad substitution|bad interpreter: [^\\n]{1,80}|\\$'\\\\r': command not found|unbound variable"
                    + "|parameter null or not set)");
    private static final Pattern ENV_MISSING = Pattern.compile(
            "(?:(?:[Ee]nvironment variable|[Ee]nv(?:ironment)? var(?:iable)?|env)[ \\t]{1,3}[\"'`]?([A-Z_][A-Z0-9_]{1,100})[\"'`]?"
                    + "[ \\t]{1,3}(?:is[ \\t]{1,3})?(?:not set|not defined|missing|required|undefined|must be set|empty)"
                    + "|\\b([A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,8})[\"'`]?[ \\t]{1,3}(?:is not set|must be set|is required|is missing|not set|is undefined|is empty)"
                    + "|KeyError: '([A-Z_][A-Z0-9_]{1,100})'"
                    + "|\\$?\\{?([A-Z_][A-Z0-9_]{1,100})\\}?: (?:unbound variable|parameter null or not set))");
    private static final Pattern PERMISSION = Pattern.compile(
            "(?i)(?:EACCES: permission denied,? \\w{0,12} ?'([^'\\n]{1,300})'|(?:open|mkdir|create|write|read|stat|chmod|chown|mkdir -p|cannot create directory|cannot open|cannot touch) ['\"]?(/[^'\":\\s]{1,300})['\"]?:? ?(?:\\(?)permission denied"
                    + "|(/[^'\":\\s]{1,300}): permission denied)");
    private static final Pattern EXEC_FORMAT = Pattern.compile("exec:? \"?([^\"\\s:]{1,200})\"?: exec format error");
    private static final Pattern HEAP_FLAG = Pattern.compile(
            "(-XX:MaxRAMPercentage=\\d{1,3}(?:\\.\\d{1,3})?|MaxRAMPercentage=\\d{1,3}(?:\\.\\d{1,3})?|-Xmx\\d{1,6}[kKmMgG]?|--max-old-space-size=\\d{1,7})");
    private static final Pattern ARCH = Pattern.compile("\\b(aarch64|arm64|armv7l?|amd64|x86_64|ppc64le|s390x)\\b");
    private static final Pattern ENV_SERVICE_HOST = Pattern.compile("\\b([A-Z][A-Z0-9_]{0,60}_SERVICE_HOST)\\b");

    private final Map<String, TextFinding> first = new LinkedHashMap<>();
    /** The exception whose stack trace is being read, with the deepest "Caused by" seen so far. */
    private String exception;
    private String exceptionMessage;
    private String exceptionQuote;
    private String causedBy;
    private boolean inTraceback;
    private boolean traceDone;
    private String arch;
    private String envServiceHost;
    private int linesSinceException;
    /** A bare "Error: message" line: an exception only if a stack frame follows it. */
    private String[] bareError;
    private boolean oomKill;

    @Override
    public void line(String line, String lower) {
        if (!oomKill && (lower.contains("oomkilled") || lower.contains("exit 137") || lower.contains("exit code: 137")
                || lower.contains("exit code 137") || lower.contains("exitcode: 137"))) {
            oomKill = true;
        }
        // the literal test first: every architecture ARCH names contains one of these, and most lines none
        if (arch == null && (archSixtyFour(lower) || lower.contains("armv7") || lower.contains("s390x"))) {
            Matcher a = ARCH.matcher(lower);
            if (a.find()) {
                arch = a.group(1);
            }
        }
        if (envServiceHost == null && line.contains("_SERVICE_HOST")) {
            Matcher e = ENV_SERVICE_HOST.matcher(line);
            if (e.find()) {
                envServiceHost = e.group(1);
            }
        }
        if (lower.contains("no space left on device") && (lower.contains("panic") || lower.contains("fatal")
                || lower.contains("could not write") || lower.contains("could not extend")
                || lower.contains("error writing") || lower.contains("errcode: 28"))
                && !lower.contains("layer") && !lower.contains("pull") && !lower.contains("extract")
                && !lower.contains("snapshot") && !lower.contains("inode")) {
            // a process that dies on a full disk: whatever refuses connections downstream follows from it
            keep(TextFinding.of("log-disk-full", line, 0.95, "quote", line.strip()));
        }
        if (lower.contains("jarfile") || lower.contains("can't open file") || lower.contains("main class")) {
            programFile(line);
        }
        exceptions(line, lower);
        connections(line, lower);
        if (lower.contains("resolve") || lower.contains("no such host") || lower.contains("enotfound")
                || lower.contains("unknownhost") || lower.contains("name or service not known")
                || lower.contains("eai_again")) {
            dns(line, lower);
        }
        if (lower.contains("x509") || lower.contains("certificate")) {
            tls(line, lower);
        }
        if (lower.contains("database") || lower.contains("password authentication") || lower.contains("role \"")
                || lower.contains("access denied for user") || lower.contains("too many connections")
                || lower.contains("sqlstate") || lower.contains("ora-") || lower.contains("pg_hba")
                || lower.contains("mongo")) {
            Matcher m = DB_ERROR.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("log-database-error", line, 0.9, "dberror", m.group(1)));
            }
        }
        if (lower.contains("syntax error") || lower.contains("bad substitution") || lower.contains("bad interpreter")
                || lower.contains("command not found") || lower.contains("unbound variable")
                || lower.contains("parameter null")) {
            Matcher m = SHELL_ERROR.matcher(line);
            if (m.find() && !lower.contains("json") && !lower.contains("yaml")) {
                keep(TextFinding.of("log-shell-error", line, 0.9, "shellerror", m.group(1)));
            }
        }
        if (lower.contains("not set") || lower.contains("must be set") || lower.contains("required")
                || lower.contains("missing") || lower.contains("keyerror") || lower.contains("undefined")
                || lower.contains("not defined") || lower.contains("unbound") || lower.contains("empty")) {
            Matcher m = ENV_MISSING.matcher(line);
            if (m.find()) {
                String var = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                        : m.group(3) != null ? m.group(3) : m.group(4);
                keep(TextFinding.of("log-env-missing", line, 0.85, "envvar", var));
            }
        }
        if (lower.contains("permission denied") && !lower.contains("publickey")) {
            Matcher m = PERMISSION.matcher(line);
            if (m.find()) {
                String path = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                keep(TextFinding.of("log-permission-denied", line, 0.85, "path", path));
            }
        }
        if (lower.contains("exec format error")) {
            Matcher m = EXEC_FORMAT.matcher(line);
            keep(TextFinding.of("exec-format-error", line, 0.95, "binary", m.find() ? m.group(1) : null));
        }
        if (lower.contains("maxrampercentage") || lower.contains("-xmx") || lower.contains("max-old-space-size")) {
            Matcher m = HEAP_FLAG.matcher(line);
            if (m.find()) {
                keep(TextFinding.of("runtime-heap-flag", line, 0.7, "heapflag", m.group(1)));
            }
        }
    }

    private void exceptions(String line, String lower) {
        if (exception != null && !traceDone) {
            linesSinceException++;
            String t = line.strip();
            if (t.startsWith("Caused by: ")) {
                causedBy = t.substring("Caused by: ".length());
                linesSinceException = 0;
                return;
            }
            if (t.startsWith("at ") || t.startsWith("...") || t.startsWith("File \"") || linesSinceException < 2
                    && !t.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                return;
            }
            if (inTraceback) {
                Matcher py = PY_EXCEPTION.matcher(t);
                if (py.find()) {
                    exception = py.group(1);
                    exceptionMessage = py.group(2);
                    exceptionQuote = t;
                    inTraceback = false;
                    traceDone = true;
                }
                return;
            }
            traceDone = true;
        }
        if (exception != null) {
            return;
        }
        if (bareError != null) {
            String[] e = bareError;
            bareError = null;
            if (line.strip().startsWith("at ")) {
                start(e[0], e[1], e[2]);
                return;
            }
        }
        if (line.startsWith("Traceback (most recent call last)")) {
            exception = "Traceback";
            inTraceback = true;
            exceptionQuote = line;
            return;
        }
        if (lower.contains("panic: ") || lower.startsWith("fatal error: ")) {
            Matcher m = GO_PANIC.matcher(line.strip());
            if (m.find()) {
                start("panic", m.group(1), line);
                return;
            }
        }
        if (lower.contains("exception") || lower.contains("error")) {
            Matcher j = JAVA_EXCEPTION.matcher(line);
            if (j.find() && (lower.contains("exception in thread") || lower.contains("caused by")
                    || line.strip().startsWith(j.group(1)) || lower.contains("fatal") || lower.contains("uncaught")
                    || lower.contains("unhandled") || lower.contains("error"))) {
                start(j.group(1), j.group(2), line);
                return;
            }
            Matcher n = NODE_ERROR.matcher(line.strip());
            if (n.find() && (lower.contains("uncaught") || lower.contains("unhandled") || lower.contains("failed")
                    || lower.contains("econn") || lower.contains("cannot") || line.strip().startsWith(n.group(1)))) {
                if (n.group(1).equals("Error")) {
                    bareError = new String[] {n.group(1), n.group(2), line}; // a CLI's "Error: ..." is no crash
                } else {
                    start(n.group(1), n.group(2), line);
                }
                return;
            }
        }
        if (lower.contains("fatal")) {
            Matcher f = FATAL_LOG.matcher(line);
            if (f.find()) {
                keep(TextFinding.of("log-fatal-error", line, 0.8, "message", f.group(1)));
            }
        }
    }

    /** Whether the line has "64" after h, m, d, _ or c, as aarch64, arm64, amd64, x86_64 and ppc64le do. */
    private static boolean archSixtyFour(String lower) {
        for (int at = lower.indexOf("64", 1); at > 0; at = lower.indexOf("64", at + 1)) {
            char before = lower.charAt(at - 1);
            if (before == 'h' || before == 'm' || before == 'd' || before == '_' || before == 'c') {
                return true;
            }
        }
        return false;
    }

    private void start(String type, String message, String line) {
        exception = type;
        exceptionMessage = message;
        exceptionQuote = line;
        linesSinceException = 0;
        if (type.endsWith("OutOfMemoryError") || message != null && message.contains("heap out of memory")) {
            keep(TextFinding.of("runtime-out-of-memory", line, 0.95, "exception", type));
        }
    }

    /**
     * A runtime that cannot find the program file its command names (the JVM's jar or main class, Python's script):
     * the image does not hold it where the command looks, usually because the build wrote it under another name.
     */
    private void programFile(String line) {
        Matcher m = PROGRAM_FILE.matcher(line);
        if (m.find()) {
            String file = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            keep(TextFinding.of("program-file-missing", line, 0.95, "file", file));
        }
    }

    private void connections(String line, String lower) {
        boolean refused = lower.contains("connection refused") || lower.contains("econnrefused")
                || lower.contains("accepting tcp/ip connections");
        boolean timeout = !refused && (lower.contains("i/o timeout") || lower.contains("connection timed out")
                || lower.contains("etimedout") || lower.contains("connect timed out")
                || lower.contains("no route to host") || lower.contains("ehostunreach"));
        if (!refused && !timeout) {
            return;
        }
        if (lower.contains("dial unix") || lower.contains(".sock:") || lower.contains(".sock\"")) {
            return; // a local socket (the container runtime's, the kubelet's): a node component, read by node rules
        }
        String host = null;
        String port = null;
        Matcher pg = PG_HOST_PORT.matcher(line);
        if (pg.find()) {
            host = pg.group(1);
            port = pg.group(2);
        } else {
            Matcher m = HOST_PORT.matcher(line);
            while (m.find()) {
                String h = m.group(1);
                String p = m.group(2);
                // a time of day (12:04:05) or a source port is not the peer; the last address is the peer
                if (h.matches("\\d{1,2}") || h.equalsIgnoreCase("tcp") || h.equalsIgnoreCase("http")
                        || h.equalsIgnoreCase("https") || SOURCE_FILE.matcher(h).find()) {
                    continue;
                }
                host = h;
                port = p;
            }
        }
        if (port != null && port.equals("53")) {
            return; // DNS: read by the DNS rules
        }
        if (refused) {
            boolean local = host != null && (host.equals("127.0.0.1") || host.equals("localhost")
                    || host.equals("[::1]") || host.equals("0.0.0.0"));
            if (lower.contains("probe failed") || lower.contains("calling webhook")) {
                return; // the kubelet's probe and the API server's webhook call are read with their own rules
            }
            keep(TextFinding.of(local ? "log-connection-refused-local" : "log-connection-refused", line, 0.9,
                    "host", host, "port", port, "dependency", dependency(port)));
        } else {
            keep(TextFinding.of("log-connection-timeout", line, 0.85, "host", host, "port", port,
                    "dependency", dependency(port)));
        }
    }

    /** What usually listens on a well-known port. */
    static String dependency(String port) {
        if (port == null) {
            return null;
        }
        return switch (port) {
            case "5432" -> "PostgreSQL";
            case "3306" -> "MySQL";
            case "6379" -> "Redis";
            case "27017" -> "MongoDB";
            case "9092" -> "Kafka";
            case "5672" -> "RabbitMQ";
            case "9200" -> "Elasticsearch";
            case "2181" -> "ZooKeeper";
            case "11211" -> "Memcached";
            case "1433" -> "SQL Server";
            case "1521" -> "Oracle";
            case "8200" -> "Vault";
            case "2379" -> "etcd";
            case "6443" -> "the Kubernetes API server";
            case "4222" -> "NATS";
            case "9042" -> "Cassandra";
            default -> null;
        };
    }

    private void dns(String line, String lower) {
        Matcher m = LOOKUP.matcher(line);
        String host = null;
        while (m.find()) {
            String h = m.group(1);
            if (!h.equals("null") && !h.equalsIgnoreCase("name") && !h.equalsIgnoreCase("port")) {
                host = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
                break;
            }
        }
        boolean failure = lower.contains("no such host") || lower.contains("enotfound")
                || lower.contains("unknownhostexception") || lower.contains("could not resolve")
                || lower.contains("can't resolve") || lower.contains("name or service not known")
                || lower.contains("temporary failure in name resolution") || lower.contains("does not resolve")
                || lower.contains("failed to resolve") || lower.contains("eai_again") || lower.contains("unable to resolve");
        // "failed to resolve reference" is the image pull's, not a name lookup
        if (failure && host != null && !lower.contains("resolve reference")) {
            keep(TextFinding.of("log-dns-failure", line, 0.9, "host", host));
        }
    }

    private void tls(String line, String lower) {
        Matcher m = X509_EXPIRED.matcher(line);
        if (m.find()) {
            keep(TextFinding.of("log-tls-expired", line, 0.95, "date", m.group(3), "now", m.group(1)));
            return;
        }
        if (lower.contains("unknown authority") || lower.contains("self signed certificate")
                || lower.contains("self-signed certificate") || lower.contains("unable to get local issuer")
                || lower.contains("pkix path building failed")) {
            keep(TextFinding.of("log-tls-unknown-authority", line, 0.9, "host", hostIn(line)));
            return;
        }
        Matcher h = X509_HOST.matcher(line);
        if (h.find()) {
            keep(TextFinding.of("log-tls-wrong-host", line, 0.9, "host", h.group(2), "certnames", h.group(1)));
        }
    }

    private static String hostIn(String line) {
        Matcher m = HOST_PORT.matcher(line);
        String host = null;
        while (m.find()) {
            if (!m.group(1).matches("\\d{1,2}") && !SOURCE_FILE.matcher(m.group(1)).find()) {
                host = m.group(1);
            }
        }
        return host;
    }

    private void keep(TextFinding f) {
        first.putIfAbsent(f.key(), f);
    }

    @Override
    public void finish(List<TextFinding> out) {
        if (exception != null && !exception.equals("Traceback")) {
            String type = exception;
            String message = exceptionMessage;
            String quote = exceptionQuote;
            if (causedBy != null) {
                Matcher c = JAVA_EXCEPTION.matcher(causedBy);
                if (c.find()) {
                    type = c.group(1);
                    message = c.group(2);
                }
                quote = exceptionQuote.strip() + " ... Caused by: " + causedBy;
            }
            out.add(TextFinding.of("log-unhandled-exception", quote, 0.8, "exception", type, "message",
                    message == null ? null : TextFinding.shorten(message.strip())));
        }
        List<TextFinding> found = new ArrayList<>(first.values());
        for (TextFinding f : found) {
            if (f.key().equals("exec-format-error") && arch != null) {
                Map<String, String> v = new LinkedHashMap<>(f.values());
                v.put("arch", arch);
                f = new TextFinding(f.key(), v, f.quote(), f.strength());
            }
            if (f.key().equals("runtime-heap-flag") && oomKill) {
                // a heap sized by a flag and a kernel OOM kill: heap plus non-heap memory exceed the limit
                f = new TextFinding("runtime-heap-over-limit", f.values(), f.quote(), 0.95);
            }
            if (f.key().equals("log-connection-refused-local") && envServiceHost != null) {
                Map<String, String> v = new LinkedHashMap<>(f.values());
                v.put("envvar", envServiceHost);
                f = new TextFinding("log-service-env-missing", v, f.quote(), 0.95);
            }
            out.add(f);
        }
    }
}
