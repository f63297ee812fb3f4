package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * runAsNonRoot against the user the container runs as: with runAsUser 0 the kubelet refuses to start it
 * ({@code CreateContainerConfigError}: "container's runAsUser breaks non-root policy").
 */
public final class SecurityContextCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("run-as-root-conflict");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            PodSecurityContext pod = w.spec().getSecurityContext();
            for (Container c : w.allContainers()) {
                SecurityContext sc = c.getSecurityContext();
                Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                        : pod == null ? null : pod.getRunAsNonRoot();
                Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser()
                        : pod == null ? null : pod.getRunAsUser();
                if (Boolean.TRUE.equals(nonRoot) && user != null && user == 0L) {
                    out.add(Finding.of("run-as-root-conflict", w.ref(), "container " + c.getName() + " of "
                            + w.title() + " sets runAsNonRoot: true with runAsUser: 0, so the kubelet refuses to"
                            + " start it", true, "container", c.getName(), "workload", w.ref(),
                            "namespace", w.namespace()));
                }
            }
        }
        return out;
    }
}
