package dev.metakube.redaction;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is stored, embedded or put in a prompt: PEM blocks (keys and
 * certificates), credentials in URLs, bearer and basic tokens, JSON web tokens, well-known token formats (AWS,
 * GitHub, Slack, Google), {@code password=}/{@code token:}-style assignments, Docker {@code "auth"} entries, the
 * values of {@code data}/{@code stringData} in Secret manifests, and long high-entropy base64 strings.
 *
 * <p>Every rule runs in time linear in the input: the regular expressions use bounded quantifiers over classes
 * that do not overlap with what follows them, and the Secret and base64 rules are hand-written scans. Rules are
 * applied line by line and only to lines that contain their trigger, which keeps redaction of a large log cheap.
 * Thread-safe and stateless.
 */
public final class Redactor {
    /** What replaces a secret. */
    public static final String MASK = "[REDACTED]";

    /** The kinds of secrets found, for the analysis notes. */
    public enum Kind {
        PEM_BLOCK, URL_CREDENTIAL, BEARER_TOKEN, JWT, KNOWN_TOKEN, ASSIGNMENT, DOCKER_AUTH, SECRET_DATA, HIGH_ENTROPY
    }

    /**
     * Redacted text and the counts of what was removed.
     *
     * @param text   the text without secrets
     * @param counts secrets removed, per kind
     */
    public record Result(String text, Map<Kind, Integer> counts) {
        public Result {
            counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
        }

        /** Total secrets removed. */
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Pattern URL_CREDENTIAL = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,20}://)([^\\s:/@]{1,256}):([^\\s/@]{1,256})@");
    private static final Pattern BEARER = Pattern.compile(
            "(?i)\\b(bearer|basic|token)([ \\t]{1,5})([A-Za-z0-9._~+/=-]{8,4096})");
    private static final Pattern JWT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{5,4096}\\.[A-Za-z0-9_-]{5,4096}\\.[A-Za-z0-9_-]{0,4096}");
    private static final Pattern KNOWN_TOKEN = Pattern.compile(
            "\\b(?:AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,255}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20})");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret"
                    + "|credentials?)([A-Za-z0-9_.-]{0,40})([\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?)([^\\s\"',;}]{1,4096})");
    private static final Pattern SPOKEN = Pattern.compile(
            "(?i)\\b(password|passwd|passphrase|token|secret|api key)([ \\t]{1,3}(?:is|was|of)[ \\t]{1,3}[\"']?)([^\\s\"']{4,4096})");
    private static final Pattern DOCKER_AUTH = Pattern.compile("(\"auth\"[ \\t]{0,3}:[ \\t]{0,3}\")([^\"]{1,8192})\"");
    private static final String[] ASSIGNMENT_TRIGGERS = {"pass", "pwd", "secret", "token", "key", "credential"};

    /** Redacts {@code text}; never throws. */
    public Result redact(String text) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        String t = redactPem(text, counts);
        t = redactSecretManifests(t, counts);
        Triggers triggers = new Triggers(t);
        if (triggers.any()) {
            StringBuilder out = new StringBuilder(t.length());
            int start = 0;
            while (start <= t.length()) {
                int end = t.indexOf('\n', start);
                if (end < 0) {
                    end = t.length();
                }
                out.append(redactLine(t.substring(start, end), counts, triggers));
                if (end < t.length()) {
                    out.append('\n');
                }
                start = end + 1;
            }
            t = out.toString();
        }
        // base64 runs never cross a line break, so one pass over the whole text does every line
        t = redactHighEntropy(t, counts);
        return new Result(t, counts);
    }

    /** Which rules can fire anywhere in a text: rules whose trigger is absent are skipped for every line. */
    private static final class Triggers {
        final boolean url;
        final boolean jwt;
        final boolean lowerCaseRules;
        final boolean known;

        Triggers(String text) {
            url = text.contains("://");
            jwt = text.contains("eyJ");
            String lower = text.toLowerCase(Locale.ROOT);
            boolean any = lower.contains("bearer") || lower.contains("basic") || lower.contains("\"auth\"");
            for (String t : ASSIGNMENT_TRIGGERS) {
                any |= lower.contains(t);
            }
            lowerCaseRules = any || lower.contains("passphrase") || lower.contains("api key");
            known = text.contains("AKIA") || text.contains("ASIA") || hasGitHub(text) || text.contains("xox")
                    || text.contains("AIza") || text.contains("glpat-");
        }

        boolean any() {
            return url || jwt || lowerCaseRules || known;
        }
    }

    private static String redactLine(String line, Map<Kind, Integer> counts, Triggers triggers) {
        String l = line;
        if (triggers.url && l.contains("://")) {
            l = replace(URL_CREDENTIAL, l, m -> m.group(1) + m.group(2) + ":" + MASK + "@", Kind.URL_CREDENTIAL, counts);
        }
        if (triggers.jwt && l.contains("eyJ")) {
            l = replace(JWT, l, m -> MASK, Kind.JWT, counts);
        }
        if (triggers.known) {
            l = knownTokens(l, counts);
        }
        if (!triggers.lowerCaseRules) {
            return l;
        }
        String lower = l.toLowerCase(Locale.ROOT);
        if (lower.contains("bearer") || lower.contains("basic") || lower.contains("token")) {
            l = replace(BEARER, l, m -> looksLikeWord(m.group(3)) ? m.group() : m.group(1) + m.group(2) + MASK,
                    Kind.BEARER_TOKEN, counts);
        }
        if (l.indexOf(':') >= 0 || l.indexOf('=') >= 0) {
            for (String trigger : ASSIGNMENT_TRIGGERS) {
                if (lower.contains(trigger)) {
                    l = replace(ASSIGNMENT, l, Redactor::assignment, Kind.ASSIGNMENT, counts);
                    break;
                }
            }
            if (l.contains("\"auth\"")) {
                l = replace(DOCKER_AUTH, l, m -> m.group(1) + MASK + "\"", Kind.DOCKER_AUTH, counts);
            }
        }
        if (lower.contains(" is ") || lower.contains(" was ") || lower.contains(" of ")) {
            l = replace(SPOKEN, l, m -> looksLikeWord(m.group(3)) ? m.group() : m.group(1) + m.group(2) + MASK,
                    Kind.ASSIGNMENT, counts);
        }
        return l;
    }

    private static boolean hasGitHub(String t) {
        return t.contains("ghp_") || t.contains("gho_") || t.contains("ghu_") || t.contains("ghs_")
                || t.contains("ghr_") || t.contains("github_pat_");
    }

    private static String knownTokens(String l, Map<Kind, Integer> counts) {
        if (l.contains("AKIA") || l.contains("ASIA") || hasGitHub(l) || l.contains("xox") || l.contains("AIza")
                || l.contains("glpat-")) {
            return replace(KNOWN_TOKEN, l, m -> MASK, Kind.KNOWN_TOKEN, counts);
        }
        return l;
    }

    /** Keeps references to secrets (names, key selectors, booleans) and replaces assigned values. */
    private static String assignment(Matcher m) {
        String suffix = m.group(2).toLowerCase(Locale.ROOT);
        String value = m.group(4);
        String v = value.toLowerCase(Locale.ROOT);
        if (suffix.endsWith("name") || suffix.endsWith("ref") || suffix.endsWith("names") || suffix.endsWith("s")
                || suffix.endsWith("file") || suffix.endsWith("path") || suffix.endsWith("kind")
                || suffix.endsWith("type") || suffix.endsWith("version")
                || v.equals("true") || v.equals("false") || v.equals("null") || v.startsWith("<")
                || v.startsWith("[redacted") || v.startsWith("$") || v.startsWith("{") || v.startsWith("|")
                || v.startsWith(">") || v.startsWith("&") || v.startsWith("*") || v.startsWith("-")) {
            return m.group();
        }
        return m.group(1) + m.group(2) + m.group(3) + MASK;
    }

    private static boolean looksLikeWord(String s) {
        // "token expired", "basic authentication": plain lower-case words are not credentials
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private interface Replacement {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String line, Replacement r, Kind kind, Map<Kind, Integer> counts) {
        Matcher m = p.matcher(line);
        StringBuilder b = null;
        int last = 0;
        while (m.find()) {
            String rep = r.apply(m);
            if (rep.equals(m.group())) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(line.length());
            }
            b.append(line, last, m.start()).append(rep);
            last = m.end();
            counts.merge(kind, 1, Integer::sum);
        }
        if (b == null) {
            return line;
        }
        return b.append(line, last, line.length()).toString();
    }

    /** Replaces every {@code -----BEGIN X-----} ... {@code -----END X-----} block (keys and certificates). */
    private static String redactPem(String text, Map<Kind, Integer> counts) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int last = 0;
        while (begin >= 0) {
            int end = text.indexOf("-----END ", begin);
            int stop;
            if (end < 0) {
                stop = text.length();
            } else {
                int close = text.indexOf("-----", end + 9);
                stop = close < 0 || close - end > 80 ? Math.min(text.length(), end + 9) : close + 5;
            }
            b.append(text, last, begin).append("[REDACTED PEM BLOCK]");
            counts.merge(Kind.PEM_BLOCK, 1, Integer::sum);
            last = stop;
            begin = text.indexOf("-----BEGIN ", stop);
        }
        return b.append(text, last, text.length()).toString();
    }

    /**
     * In every YAML document or JSON object that declares {@code kind: Secret}, replaces the values under
     * {@code data:} and {@code stringData:} (keys are kept: manifest checks need them).
     */
    private static String redactSecretManifests(String text, Map<Kind, Integer> counts) {
        if (!text.contains("Secret")) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        // documents are separated by '---' lines; find which contain kind: Secret
        boolean[] secretDoc = new boolean[lines.length];
        int docStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].startsWith("---")) {
                boolean secret = false;
                for (int j = docStart; j < i; j++) {
                    String s = lines[j].replace("\"", "").replace(" ", "");
                    if (s.startsWith("kind:Secret") || s.contains(",kind:Secret") || s.contains("{kind:Secret")) {
                        secret = true;
                        break;
                    }
                }
                for (int j = docStart; j < i; j++) {
                    secretDoc[j] = secret;
                }
                docStart = i + 1;
            }
        }
        int blockIndent = -1;
        boolean jsonBlock = false;
        for (int i = 0; i < lines.length; i++) {
            if (!secretDoc[i]) {
                blockIndent = -1;
                jsonBlock = false;
                continue;
            }
            String line = lines[i];
            String trimmed = line.strip();
            int indent = line.length() - line.stripLeading().length();
            if (jsonBlock) {
                if (trimmed.startsWith("}")) {
                    jsonBlock = false;
                } else {
                    lines[i] = maskValue(line, counts);
                }
                continue;
            }
            if (blockIndent >= 0) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (indent > blockIndent) {
                    lines[i] = maskValue(line, counts);
                    continue;
                }
                blockIndent = -1;
            }
            String unquoted = trimmed.replace("\"", "");
            if (line.indexOf('"') >= 0 && (line.contains("\"data\"") || line.contains("\"stringData\""))
                    && !(unquoted.startsWith("data:") || unquoted.startsWith("stringData:"))) {
                lines[i] = maskJsonData(line, counts);
                continue;
            }
            if (unquoted.equals("data:") || unquoted.equals("stringData:")) {
                blockIndent = indent;
            } else if (unquoted.startsWith("data:{") || unquoted.startsWith("data: {")
                    || unquoted.startsWith("stringData:{") || unquoted.startsWith("stringData: {")) {
                int brace = line.indexOf('{');
                String inner = line.substring(brace + 1);
                lines[i] = line.substring(0, brace + 1) + maskInline(inner, counts);
                jsonBlock = !inner.contains("}");
            }
        }
        return String.join("\n", lines);
    }

    /** In one line of JSON, masks the string values of the {@code "data"} and {@code "stringData"} objects. */
    private static String maskJsonData(String line, Map<Kind, Integer> counts) {
        StringBuilder b = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            int d = nextDataKey(line, i);
            if (d < 0) {
                break;
            }
            int brace = line.indexOf('{', d);
            if (brace < 0) {
                break;
            }
            b.append(line, i, brace + 1);
            int j = brace + 1;
            boolean inKey = true;
            while (j < line.length() && line.charAt(j) != '}') {
                char c = line.charAt(j);
                if (c == '"') {
                    int end = line.indexOf('"', j + 1);
                    while (end > 0 && line.charAt(end - 1) == '\\') {
                        end = line.indexOf('"', end + 1);
                    }
                    if (end < 0) {
                        end = line.length() - 1;
                    }
                    if (inKey) {
                        b.append(line, j, end + 1);
                    } else {
                        b.append('"').append(MASK).append('"');
                        counts.merge(Kind.SECRET_DATA, 1, Integer::sum);
                    }
                    j = end + 1;
                    continue;
                }
                if (c == ':') {
                    inKey = false;
                } else if (c == ',') {
                    inKey = true;
                }
                b.append(c);
                j++;
            }
            i = j;
        }
        return b.append(line, Math.min(i, line.length()), line.length()).toString();
    }

    private static int nextDataKey(String line, int from) {
        int a = line.indexOf("\"data\"", from);
        int b = line.indexOf("\"stringData\"", from);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** {@code  key: value} or {@code "key": "value",} with the value masked. */
    private static String maskValue(String line, Map<Kind, Integer> counts) {
        int colon = line.indexOf(':');
        if (colon < 0 || colon == line.length() - 1 || line.substring(colon + 1).isBlank()) {
            return line;
        }
        String rest = line.substring(colon + 1).strip();
        if (rest.startsWith("|") || rest.startsWith(">")) {
            return line;
        }
        counts.merge(Kind.SECRET_DATA, 1, Integer::sum);
        boolean comma = rest.endsWith(",");
        boolean quoted = rest.startsWith("\"");
        return line.substring(0, colon + 1) + " " + (quoted ? "\"" + MASK + "\"" : MASK) + (comma ? "," : "");
    }

    private static String maskInline(String inner, Map<Kind, Integer> counts) {
        StringBuilder b = new StringBuilder();
        for (String part : inner.split(",", -1)) {
            if (b.length() > 0) {
                b.append(',');
            }
            int close = part.indexOf('}');
            String pair = close >= 0 ? part.substring(0, close) : part;
            String tail = close >= 0 ? part.substring(close) : "";
            b.append(pair.contains(":") ? maskValue(pair, counts) : pair).append(tail);
        }
        return b.toString();
    }

    /**
     * Masks runs of base64 characters at least 40 long that mix upper case, lower case and digits (hex digests
     * and plain words do not qualify). A single left-to-right scan.
     */
    private static String redactHighEntropy(String line, Map<Kind, Integer> counts) {
        int n = line.length();
        if (n < 40) {
            return line;
        }
        StringBuilder b = null;
        int i = 0;
        int last = 0;
        while (i < n) {
            if (!isBase64(line.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            boolean upper = false;
            boolean lower = false;
            boolean digit = false;
            while (i < n && isBase64(line.charAt(i))) {
                char c = line.charAt(i);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
                i++;
            }
            int len = i - s;
            if (len >= 40 && upper && lower && digit && !line.startsWith(MASK, Math.max(0, s - 1))
                    && !line.regionMatches(true, Math.max(0, s - 7), "sha256:", 0, Math.min(7, s))) {
                if (b == null) {
                    b = new StringBuilder(n);
                }
                b.append(line, last, s).append(MASK);
                last = i;
                counts.merge(Kind.HIGH_ENTROPY, 1, Integer::sum);
            }
        }
        if (b == null) {
            return line;
        }
        return b.append(line, last, n).toString();
    }

    private static final boolean[] BASE64 = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-".toCharArray()) {
            BASE64[c] = true;
        }
    }

    private static boolean isBase64(char c) {
        return c < 128 && BASE64[c];
    }
}
