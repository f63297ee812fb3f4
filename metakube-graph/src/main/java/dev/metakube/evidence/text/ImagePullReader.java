package dev.metakube.evidence.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads image pull failures: the image reference and the registry's reason (manifest unknown for a tag,
 * repository that does not exist or is private, unauthorized, rate limit, no variant for the node's platform,
 * an untrusted registry certificate, a frozen registry, {@code ErrImageNeverPull}). The first failed pull is
 * the one read; a status without a registry message still names the image.
 */
final class ImagePullReader implements LineReader {
    private static final String REF = "([A-Za-z0-9][A-Za-z0-9._/:@-]{0,300})";
    private static final Pattern FAILED_PULL = Pattern.compile(
            "(?i)(?:failed to pull(?: and unpack)? image|pulling image|back-off pulling image|pull image|image) \\\\?\"" + REF + "\\\\?\"");
    private static final Pattern MANIFEST_FOR = Pattern.compile("manifest for " + REF + " not found");
    private static final Pattern PULL_DENIED = Pattern.compile("pull access denied for " + REF + ",");
    private static final Pattern IMAGE_LINE = Pattern.compile("^[ \\t]{0,20}-?[ \\t]{0,3}[Ii]mage:[ \\t]{1,40}\"?([^\"\\s]{1,300})");
    private static final Pattern LEGACY = Pattern.compile("\\b(k8s\\.gcr\\.io|gcr\\.io/google[_-]containers)\\b");

    private String image;
    private String failedImage;
    private String reason;
    private String quote;
    private boolean pullError;
    private String statusQuote;

    @Override
    public void line(String line, String lower) {
        if (lower.contains("image:") && image == null) {
            Matcher m = IMAGE_LINE.matcher(line);
            if (m.find()) {
                image = m.group(1);
            }
        }
        if (!pullError && (lower.contains("errimagepull") || lower.contains("imagepullbackoff")
                || lower.contains("failed to pull") || lower.contains("errimageneverpull"))) {
            pullError = true;
            statusQuote = line;
        }
        if (reason != null || !(lower.contains("pull") || lower.contains("manifest"))) {
            return;
        }
        String r = null;
        if (lower.contains("toomanyrequests") || lower.contains("pull rate limit") || lower.contains("429 too many")) {
            r = "rate-limit";
        } else if (lower.contains("no match for platform") || lower.contains("no matching manifest for")
                || lower.contains("does not match the specified platform")) {
            r = "platform";
        } else if (lower.contains("no basic auth credentials") || lower.contains("authorization failed")
                || lower.contains("unauthorized") || lower.contains("authentication required")) {
            // credentials missing or refused, even where the message also says the repository may not exist
            r = "unauthorized";
        } else if (lower.contains("pull access denied") || lower.contains("repository does not exist")
                || lower.contains("requested access to the resource is denied")
                || lower.contains("name unknown")) {
            r = "repository";
        } else if (lower.contains("manifest unknown") || lower.contains("not found: manifest")
                || lower.contains("manifest for") && lower.contains("not found")
                || lower.contains("failed to resolve reference") && lower.contains("not found")) {
            r = "tag";
        } else if (lower.contains("403 forbidden")) {
            r = "unauthorized";
        } else if (lower.contains("x509")) {
            r = "tls";
        } else if (lower.contains("errimageneverpull") || lower.contains("pull policy is \"never\"")) {
            r = "never";
        }
        Matcher legacy = LEGACY.matcher(line);
        if (legacy.find() && (lower.contains("failed") || lower.contains("error"))) {
            r = "legacy-registry";
        }
        if (r == null) {
            return;
        }
        String ref = null;
        Matcher m = MANIFEST_FOR.matcher(line);
        if (m.find()) {
            ref = m.group(1);
        } else if ((m = PULL_DENIED.matcher(line)).find()) {
            ref = m.group(1);
        } else if ((m = FAILED_PULL.matcher(line)).find()) {
            ref = m.group(1);
        }
        reason = r;
        failedImage = ref;
        quote = line;
    }

    /** Repository, tag and registry of an image reference. */
    static String[] parts(String ref) {
        String repo = ref;
        String tag = null;
        int at = ref.indexOf('@');
        if (at > 0) {
            repo = ref.substring(0, at);
            tag = ref.substring(at + 1);
        } else {
            int colon = ref.lastIndexOf(':');
            if (colon > ref.lastIndexOf('/')) {
                repo = ref.substring(0, colon);
                tag = ref.substring(colon + 1);
            }
        }
        String registry = "docker.io";
        int slash = repo.indexOf('/');
        if (slash > 0) {
            String host = repo.substring(0, slash);
            if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
                registry = host;
            }
        }
        return new String[] {repo, tag == null ? "latest" : tag, registry};
    }

    @Override
    public void finish(List<TextFinding> out) {
        String ref = failedImage != null ? failedImage : image;
        if (reason == null) {
            if (pullError && ref != null) {
                // the status without the registry's message: a wrong name is the most common reason
                String[] p = parts(ref);
                out.add(TextFinding.of("image-pull-repository-missing", statusQuote, 0.6, "image", ref,
                        "repo", p[0], "tag", p[1], "registry", p[2]));
            }
            return;
        }
        String[] p = ref == null ? new String[] {null, null, null} : parts(ref);
        String registryName = p[2] == null ? null : p[2].equals("docker.io") ? "Docker Hub (docker.io)" : p[2];
        String key = switch (reason) {
            case "rate-limit" -> "docker.io".equals(p[2]) || p[2] == null ? "image-pull-dockerhub-rate-limit"
                    : "registry-rate-limited";
            case "platform" -> "image-pull-no-platform";
            case "repository" -> "image-pull-repository-missing";
            case "tag" -> "image-pull-tag-missing";
            case "unauthorized" -> "registry-unauthorized";
            case "tls" -> "registry-tls-untrusted";
            case "never" -> "err-image-never-pull";
            default -> "image-pull-legacy-registry";
        };
        out.add(TextFinding.of(key, quote, 0.95, "image", ref, "repo", p[0], "tag", p[1], "registry", p[2],
                "registryname", registryName));
    }
}
