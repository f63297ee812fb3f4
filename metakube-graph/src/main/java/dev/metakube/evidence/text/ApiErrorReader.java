package dev.metakube.evidence.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the API server's RBAC denial ({@code forbidden: User "system:serviceaccount:NS:SA" cannot VERB resource
 * "R" in API group "G" in the namespace "N"}) into its parts, and says which of its parts is the likely fault: a
 * pod that runs as its namespace's {@code default} ServiceAccount, a request in an API group that the Role does
 * not grant, or a permission that is missing.
 */
final class ApiErrorReader implements LineReader {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "User \\\\?\"(system:serviceaccount:([a-z0-9-]{1,63}):([a-z0-9.-]{1,253})|[^\"\\\\]{1,253})\\\\?\" cannot "
                    + "([a-z*]{1,20}) (?:resource \\\\?\"([a-z0-9.*/-]{1,100})\\\\?\"|([a-z0-9.*/-]{1,100}))"
                    + "(?: in API group \\\\?\"([a-z0-9.-]{0,253})\\\\?\")?"
                    + "(?: in the namespace \\\\?\"([a-z0-9-]{1,63})\\\\?\"| (at the cluster scope))?");

    private TextFinding found;

    @Override
    public void line(String line, String lower) {
        if (found != null || !lower.contains("cannot") || !lower.contains("user")) {
            return;
        }
        Matcher m = FORBIDDEN.matcher(line);
        if (!m.find()) {
            return;
        }
        String user = m.group(1);
        String saNamespace = m.group(2);
        String sa = m.group(3);
        String verb = m.group(4);
        String resource = m.group(5) != null ? m.group(5) : m.group(6);
        String group = m.group(7);
        String scope = m.group(9) != null ? "at the cluster scope"
                : m.group(8) != null ? "in namespace " + m.group(8) : null;
        String resourceRef = group == null || group.isEmpty() ? resource : resource + "." + group;
        String key;
        if ("default".equals(sa)) {
            key = "rbac-default-serviceaccount";
        } else if (group != null && !group.isEmpty()) {
            key = "rbac-forbidden-api-group";
        } else {
            key = "rbac-forbidden-parsed";
        }
        found = TextFinding.of(key, line, 0.95, "user", user, "serviceaccount", sa, "saspace", saNamespace,
                "verb", verb, "resource", resource, "apigroup", group == null || group.isEmpty() ? null : group,
                "resourceref", resourceRef, "scope", scope);
    }

    @Override
    public void finish(List<TextFinding> out) {
        if (found != null) {
            out.add(found);
        }
    }
}
