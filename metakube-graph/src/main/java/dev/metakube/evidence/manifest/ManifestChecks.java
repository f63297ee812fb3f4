package dev.metakube.evidence.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** All check families, run one after the other over one set of objects. Thread-safe. */
public final class ManifestChecks {
    private static final List<ManifestCheck> ALL = List.of(new ServiceCheck(), new IngressCheck(),
            new NetworkPolicyCheck(), new ReferenceCheck(), new StorageCheck(), new PlacementCheck(),
            new ResourceCheck(), new AutoscalerCheck(), new ProbeCheck(), new ImageCheck(),
            new SecurityContextCheck(), new RbacCheck(), new ApiVersionCheck(), new UnusedObjectCheck(),
            new PriorityCheck(), new ContainerCommandCheck(), new HostPortCheck(), new ServiceHostCheck(),
            new MountPathCheck());

    private ManifestChecks() {
    }

    /** The check families. */
    public static List<ManifestCheck> all() {
        return ALL;
    }

    /** Every key the families can produce. */
    public static Set<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        ALL.forEach(c -> out.addAll(c.keys()));
        return out;
    }

    /** The findings of every family; a family that fails on odd objects is skipped with a note. */
    public static List<Finding> run(ManifestSet set, List<String> notes) {
        List<Finding> out = new ArrayList<>();
        for (ManifestCheck c : ALL) {
            try {
                for (Finding f : c.check(set)) {
                    if (!c.keys().contains(f.key())) {
                        throw new IllegalStateException(c.getClass().getSimpleName() + " produced undeclared key "
                                + f.key());
                    }
                    out.add(f);
                }
            } catch (RuntimeException e) {
                notes.add(c.getClass().getSimpleName() + " skipped: " + e);
            }
        }
        return out;
    }
}
