package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Images and commands: references that do not follow the image reference grammar, shells run in images that
 * have none (distroless, scratch), and images built for another architecture than the nodes selected.
 */
public final class ImageCheck implements ManifestCheck {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]{1,32}:[a-f0-9]{32,128}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    @Override
    public Set<String> keys() {
        return Set.of("image-reference-invalid", "command-not-in-image", "image-arch-mismatch");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            String arch = ManifestSet.map(w.spec().getNodeSelector()).getOrDefault("kubernetes.io/arch", "");
            for (Container c : w.allContainers()) {
                String image = Selectors.nz(c.getImage());
                if (!image.isEmpty() && !valid(image)) {
                    out.add(Finding.of("image-reference-invalid", w.ref(), "container " + c.getName() + " of "
                            + w.title() + " names image '" + image + "', which is not a valid image reference", true,
                            "image", image, "container", c.getName(), "workload", w.ref(), "namespace", w.namespace()));
                }
                List<String> cmd = ManifestSet.list(c.getCommand());
                String first = cmd.isEmpty() ? "" : Selectors.nz(cmd.get(0));
                String lower = image.toLowerCase(Locale.ROOT);
                if ((first.endsWith("sh") || first.endsWith("bash")) && (lower.contains("distroless")
                        || lower.startsWith("scratch"))) {
                    out.add(Finding.of("command-not-in-image", w.ref(), "container " + c.getName() + " of "
                            + w.title() + " runs " + first + " but image " + image + " has no shell", true,
                            "image", image, "container", c.getName(), "command", first, "workload", w.ref(),
                            "namespace", w.namespace()));
                }
                if (!arch.isEmpty() && (lower.contains("amd64") && arch.equals("arm64")
                        || lower.contains("arm64") && arch.equals("amd64"))) {
                    out.add(Finding.of("image-arch-mismatch", w.ref(), w.title() + " runs on " + arch
                            + " nodes but image " + image + " is built for another architecture", true,
                            "image", image, "arch", arch, "container", c.getName(), "workload", w.ref(),
                            "namespace", w.namespace()));
                }
            }
        }
        return out;
    }

    /** The image reference grammar: lower-case repository path, optional registry host, tag and digest. */
    static boolean valid(String image) {
        if (image.isBlank() || image.length() > 512 || image.endsWith(":") || image.endsWith("/")
                || image.contains("//") || image.contains("..") || !image.strip().equals(image)) {
            return false;
        }
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(ref.substring(at + 1)).matches()) {
                return false;
            }
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String repo = ref;
        if (colon > slash) {
            if (!TAG.matcher(ref.substring(colon + 1)).matches()) {
                return false;
            }
            repo = ref.substring(0, colon);
        }
        String[] parts = repo.split("/", -1);
        int start = 0;
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"))) {
            start = 1;
        }
        if (start >= parts.length || parts.length > 32) {
            return false;
        }
        for (int i = start; i < parts.length; i++) {
            if (parts[i].length() > 255 || !COMPONENT.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }
}
