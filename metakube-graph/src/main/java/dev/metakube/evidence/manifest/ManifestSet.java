package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes objects of an incident's evidence, with what the parser noted, and lookups by kind and name.
 * Immutable.
 */
public final class ManifestSet {
    private final List<HasMetadata> objects;
    private final List<String> notes;
    private final Map<String, List<HasMetadata>> byKind = new HashMap<>();
    private final Map<String, HasMetadata> byName = new HashMap<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final Map<String, String> facts;

    /** A set of objects; {@code notes} say what could not be read. */
    public ManifestSet(List<HasMetadata> objects, List<String> notes) {
        this(objects, notes, Map.of());
    }

    private ManifestSet(List<HasMetadata> objects, List<String> notes, Map<String, String> facts) {
        this.facts = Map.copyOf(facts);
        this.objects = List.copyOf(objects);
        this.notes = List.copyOf(notes);
        for (HasMetadata o : this.objects) {
            byKind.computeIfAbsent(o.getKind(), k -> new ArrayList<>()).add(o);
            byName.putIfAbsent(o.getKind() + "/" + namespace(o) + "/" + name(o), o);
            byName.putIfAbsent(o.getKind() + "//" + name(o), o);
            Workload w = workload(o);
            if (w != null) {
                workloads.add(w);
            }
        }
    }

    /**
     * The same objects with facts read from the other evidence (the {@code verb} and {@code resource} the API
     * server refused...), which some checks compare the objects against.
     */
    public ManifestSet withFacts(Map<String, String> facts) {
        return new ManifestSet(objects, notes, facts);
    }

    /** A fact read from the other evidence, or null. */
    public String fact(String name) {
        return facts.get(name);
    }

    /** All objects, in the order of the evidence. */
    public List<HasMetadata> objects() {
        return objects;
    }

    /** What the parser skipped and why. */
    public List<String> notes() {
        return notes;
    }

    /** The pod templates of the set. */
    public List<Workload> workloads() {
        return Collections.unmodifiableList(workloads);
    }

    /** Objects of a kind, typed. */
    public <T extends HasMetadata> List<T> ofKind(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }

    /** Whether the evidence shows objects of this kind at all: then a missing name does not exist. */
    public boolean shows(String kind) {
        return byKind.containsKey(kind);
    }

    /** The object of a kind and name, in the namespace when both sides say one; null when not shown. */
    public HasMetadata find(String kind, String name, String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            HasMetadata o = byName.get(kind + "//" + name);
            if (o != null) {
                return o;
            }
            for (HasMetadata c : byKind.getOrDefault(kind, List.of())) {
                if (name.equals(name(c))) {
                    return c;
                }
            }
            return null;
        }
        HasMetadata o = byName.get(kind + "/" + namespace + "/" + name);
        return o != null ? o : byName.get(kind + "//" + name);
    }

    /** Whether two namespaces may be the same: an empty one means "the current one". */
    public static boolean sameNamespace(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b);
    }

    /** Names of the objects of a kind, for messages. */
    public List<String> names(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (HasMetadata o : byKind.getOrDefault(kind, List.of())) {
            out.add(name(o));
        }
        return List.copyOf(out);
    }

    static String name(HasMetadata o) {
        ObjectMeta m = o.getMetadata();
        return m == null || m.getName() == null ? "unnamed" : m.getName();
    }

    static String namespace(HasMetadata o) {
        ObjectMeta m = o.getMetadata();
        return m == null || m.getNamespace() == null ? "" : m.getNamespace();
    }

    static Map<String, String> labels(HasMetadata o) {
        ObjectMeta m = o.getMetadata();
        return m == null || m.getLabels() == null ? Map.of() : m.getLabels();
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** What a container says of the paths and hosts it uses: its command, args and env values, one per line. */
    static String said(Container c) {
        StringBuilder b = new StringBuilder();
        list(c.getCommand()).forEach(s -> b.append(s).append('\n'));
        list(c.getArgs()).forEach(s -> b.append(s).append('\n'));
        for (EnvVar e : list(c.getEnv())) {
            if (e.getValue() != null) {
                b.append(e.getValue()).append('\n');
            }
        }
        return b.toString();
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    /** A quantity in base units (cores, bytes); null when absent or unreadable. */
    static BigDecimal amount(Quantity q) {
        if (q == null || q.getAmount() == null) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(q);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A quantity written back the way Kubernetes prints it (Mi for memory, m for CPU). */
    static String format(BigDecimal v, String resource) {
        if (resource.contains("memory") || resource.contains("storage")) {
            return v.divide(BigDecimal.valueOf(1_048_576), 0, java.math.RoundingMode.HALF_UP) + "Mi";
        }
        return v.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.HALF_UP) + "m";
    }

    private static Workload workload(HasMetadata o) {
        if (o instanceof Pod p) {
            return p.getSpec() == null ? null : new Workload(o, 1, labels(o), p.getSpec());
        }
        PodTemplateSpec t = null;
        Integer replicas = null;
        if (o instanceof Deployment d && d.getSpec() != null) {
            t = d.getSpec().getTemplate();
            replicas = d.getSpec().getReplicas();
        } else if (o instanceof StatefulSet s && s.getSpec() != null) {
            t = s.getSpec().getTemplate();
            replicas = s.getSpec().getReplicas();
        } else if (o instanceof ReplicaSet r && r.getSpec() != null) {
            t = r.getSpec().getTemplate();
            replicas = r.getSpec().getReplicas();
        } else if (o instanceof ReplicationController r && r.getSpec() != null) {
            t = r.getSpec().getTemplate();
            replicas = r.getSpec().getReplicas();
        } else if (o instanceof DaemonSet d && d.getSpec() != null) {
            t = d.getSpec().getTemplate();
        } else if (o instanceof Job j && j.getSpec() != null) {
            t = j.getSpec().getTemplate();
            replicas = j.getSpec().getParallelism();
        } else if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            t = c.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        if (t == null || t.getSpec() == null) {
            return null;
        }
        Map<String, String> labels = t.getMetadata() == null ? Map.of() : map(t.getMetadata().getLabels());
        PodSpec spec = t.getSpec();
        return new Workload(o, replicas == null ? 1 : Math.max(0, replicas), labels, spec);
    }
}
