package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths a container uses against what is mounted in it: a path in its command, args or env values that lies under
 * a volume that the pod mounts in another of its containers but not in this one. Each container sees only its own
 * volumeMounts, so the file is missing where the application looks for it (the mount was written under the wrong
 * container, typically a sidecar's).
 */
public final class MountPathCheck implements ManifestCheck {
    private static final Pattern PATH = Pattern.compile("(?<![A-Za-z0-9:.-])/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._*-]+)*");

    @Override
    public Set<String> keys() {
        return Set.of("volume-mounted-in-other-container");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            List<Container> containers = w.allContainers();
            for (Container c : containers) {
                Matcher m = PATH.matcher(ManifestSet.said(c));
                while (m.find()) {
                    String path = m.group();
                    if (under(path, ManifestSet.list(c.getVolumeMounts())) != null) {
                        continue;
                    }
                    for (Container other : containers) {
                        VolumeMount there = other == c ? null : under(path, ManifestSet.list(other.getVolumeMounts()));
                        if (there != null) {
                            out.add(Finding.of("volume-mounted-in-other-container", w.ref(), "container " + c.getName()
                                    + " of " + w.title() + " uses " + path + ", but volume " + there.getName()
                                    + " is mounted at " + there.getMountPath() + " only in container " + other.getName()
                                    + ": the volumeMounts are on the wrong container", true,
                                    "container", c.getName(), "path", path, "volume", there.getName(),
                                    "other", other.getName(), "workload", w.ref(), "namespace", w.namespace()));
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The mount that holds {@code path}, or null; a mount of the root or of a one-letter directory holds nothing. */
    private static VolumeMount under(String path, List<VolumeMount> mounts) {
        for (VolumeMount v : mounts) {
            String mp = v.getMountPath();
            if (mp == null || mp.length() < 4) {
                continue;
            }
            String base = mp.endsWith("/") ? mp.substring(0, mp.length() - 1) : mp;
            if (path.equals(base) || path.startsWith(base + "/")) {
                return v;
            }
        }
        return null;
    }

}
