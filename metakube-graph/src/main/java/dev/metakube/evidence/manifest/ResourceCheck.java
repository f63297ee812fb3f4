package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Volume;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests and limits with fabric8 {@link Quantity} arithmetic: requests above limits, requests no node's
 * allocatable can meet, ResourceQuota totals and required limits, LimitRange bounds, and memory-backed
 * emptyDir volumes larger than the memory limit they count against, and a command told to allocate more memory
 * than the container's limit (a JVM {@code -Xmx}, Node's {@code --max-old-space-size}, a load generator's
 * {@code --vm-bytes}). A memory limit far above the request, or a command that allocates with no limit at all,
 * overcommits the node: weak findings, the first thing to check when a node reaches memory pressure.
 */
public final class ResourceCheck implements ManifestCheck {
    private static final List<String> RESOURCES = List.of("cpu", "memory");
    /** Flags that size a process's memory, with binary units (stress, stress-ng, the JVM) or mebibytes (Node). */
    private static final Pattern MEMORY_FLAG = Pattern.compile(
            "(?i)(?<![\\w-])(--vm-bytes|--bytes|--malloc-bytes|-Xmx|--max-old-space-size)[= ]?(\\d{1,9}(?:\\.\\d{1,3})?)"
                    + "([kmgt]?)(?:i?b)?(?![\\w%])");
    /** A memory limit this many times the request overcommits the node (the scheduler counts only requests). */
    private static final int OVERCOMMIT = 8;
    private static final Pattern WORKERS = Pattern.compile("(?<![\\w-])(?:--vm|-m)[= ](\\d{1,3})(?!\\w)");

    @Override
    public Set<String> keys() {
        return Set.of("request-exceeds-limit", "quota-exceeded", "quota-requires-limits", "request-exceeds-node",
                "limitrange-violation", "emptydir-memory-exceeds-limit", "command-memory-over-limit",
                "memory-overcommit");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<Node> nodes = set.ofKind(Node.class);
        for (Workload w : set.workloads()) {
            BigDecimal memoryLimit = BigDecimal.ZERO;
            boolean everyLimit = true;
            for (Container c : w.allContainers()) {
                for (String r : RESOURCES) {
                    Quantity rq = get(c, "requests", r);
                    Quantity lm = get(c, "limits", r);
                    BigDecimal a = ManifestSet.amount(rq);
                    BigDecimal b = ManifestSet.amount(lm);
                    if (a != null && b != null && a.compareTo(b) > 0) {
                        out.add(Finding.of("request-exceeds-limit", w.ref(), "container " + c.getName() + " of "
                                + w.title() + " requests " + rq + " " + r + " but is limited to " + lm, true,
                                "container", c.getName(), "resource", r, "request", rq.toString(),
                                "limit", lm.toString(), "workload", w.ref(), "namespace", w.namespace()));
                    }
                    BigDecimal need = a != null ? a : b;
                    if (need != null && !nodes.isEmpty()) {
                        BigDecimal most = null;
                        String mostNode = null;
                        for (Node n : nodes) {
                            Map<String, Quantity> alloc = n.getStatus() == null ? null : n.getStatus().getAllocatable();
                            BigDecimal have = alloc == null ? null : ManifestSet.amount(alloc.get(r));
                            if (have != null && (most == null || have.compareTo(most) > 0)) {
                                most = have;
                                mostNode = ManifestSet.name(n);
                            }
                        }
                        if (most != null && need.compareTo(most) > 0) {
                            String asked = (a != null ? rq : lm).toString();
                            out.add(Finding.of("request-exceeds-node", w.ref(), "container " + c.getName() + " of "
                                    + w.title() + " requests " + asked + " " + r + " but the largest node, "
                                    + mostNode + ", has " + ManifestSet.format(most, r) + " allocatable", true,
                                    "container", c.getName(), "resource", r, "request", asked, "node", mostNode,
                                    "workload", w.ref(), "namespace", w.namespace()));
                        }
                    }
                }
                BigDecimal ml = ManifestSet.amount(get(c, "limits", "memory"));
                commandMemory(w, c, ml, out);
                if (ml == null) {
                    everyLimit = false;
                } else {
                    memoryLimit = memoryLimit.add(ml);
                }
            }
            if (everyLimit && memoryLimit.signum() > 0) {
                for (Volume v : ManifestSet.list(w.spec().getVolumes())) {
                    if (v.getEmptyDir() != null && "Memory".equals(v.getEmptyDir().getMedium())) {
                        BigDecimal size = ManifestSet.amount(v.getEmptyDir().getSizeLimit());
                        if (size != null && size.compareTo(memoryLimit) >= 0) {
                            out.add(Finding.of("emptydir-memory-exceeds-limit", w.ref(), "emptyDir " + v.getName()
                                    + " of " + w.title() + " is memory-backed with sizeLimit "
                                    + v.getEmptyDir().getSizeLimit() + ", which counts against a memory limit of "
                                    + ManifestSet.format(memoryLimit, "memory") + ": filling it OOM-kills the pod",
                                    true, "volume", v.getName(), "limit", ManifestSet.format(memoryLimit, "memory"),
                                    "workload", w.ref(), "namespace", w.namespace()));
                        }
                    }
                }
            }
        }
        quotas(set, out);
        limitRanges(set, out);
        return out;
    }

    /** A command whose memory flag asks for more than the container's memory limit. */
    private static void commandMemory(Workload w, Container c, BigDecimal limit, List<Finding> out) {
        BigDecimal request = ManifestSet.amount(get(c, "requests", "memory"));
        if (limit != null && request != null && request.signum() > 0
                && limit.compareTo(request.multiply(BigDecimal.valueOf(OVERCOMMIT))) >= 0) {
            out.add(Finding.of("memory-overcommit", w.ref(), "container " + c.getName() + " of " + w.title()
                    + " requests " + get(c, "requests", "memory") + " of memory but may use up to "
                    + get(c, "limits", "memory") + ": the scheduler places it by the request, so the node's memory is"
                    + " overcommitted and reaches memory pressure", false, "container", c.getName(),
                    "request", String.valueOf(get(c, "requests", "memory")),
                    "limit", String.valueOf(get(c, "limits", "memory")), "workload", w.ref(),
                    "namespace", w.namespace()));
        }
        String command = String.join(" ", ManifestSet.list(c.getCommand())) + " "
                + String.join(" ", ManifestSet.list(c.getArgs()));
        Matcher m = MEMORY_FLAG.matcher(command);
        if (!m.find()) {
            return;
        }
        String flag = m.group(1);
        String unit = m.group(3).toLowerCase(java.util.Locale.ROOT);
        if (flag.equalsIgnoreCase("--max-old-space-size")) {
            unit = unit.isEmpty() ? "m" : unit;
        }
        int power = "kmgt".indexOf(unit) + 1;
        BigDecimal bytes = new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(1024).pow(power));
        Matcher workers = WORKERS.matcher(command);
        int n = flag.startsWith("--vm") && workers.find() ? Math.max(1, Integer.parseInt(workers.group(1))) : 1;
        BigDecimal need = bytes.multiply(BigDecimal.valueOf(n));
        if (limit == null || limit.signum() <= 0) {
            out.add(Finding.of("memory-overcommit", w.ref(), "container " + c.getName() + " of " + w.title()
                    + " is told to use " + ManifestSet.format(need, "memory") + " (" + m.group().strip()
                    + (n > 1 ? " x " + n : "") + ") with no memory limit, so it can take the node's memory and"
                    + " drive it into memory pressure", false, "container", c.getName(), "heapflag",
                    m.group().strip(), "workload", w.ref(), "namespace", w.namespace()));
            return;
        }
        if (need.compareTo(limit) <= 0) {
            return;
        }
        String asked = m.group().strip();
        String limitText = String.valueOf(get(c, "limits", "memory"));
        out.add(Finding.of("command-memory-over-limit", w.ref(), "container " + c.getName() + " of " + w.title()
                + " is told to use " + ManifestSet.format(need, "memory") + " (" + asked + (n > 1 ? " x " + n : "")
                + "), more than its memory limit of " + limitText + ", so it is OOM-killed", true,
                "container", c.getName(), "heapflag", asked, "limit", limitText, "workload", w.ref(),
                "namespace", w.namespace()));
    }

    private static Quantity get(Container c, String section, String resource) {
        if (c.getResources() == null) {
            return null;
        }
        Map<String, Quantity> m = section.equals("requests") ? c.getResources().getRequests()
                : c.getResources().getLimits();
        return m == null ? null : m.get(resource);
    }

    private static void quotas(ManifestSet set, List<Finding> out) {
        for (ResourceQuota q : set.ofKind(ResourceQuota.class)) {
            Map<String, Quantity> hard = q.getSpec() == null ? null : q.getSpec().getHard();
            if (hard == null) {
                continue;
            }
            String qname = ManifestSet.name(q);
            for (String field : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "cpu",
                    "memory")) {
                BigDecimal cap = ManifestSet.amount(hard.get(field));
                if (cap == null) {
                    continue;
                }
                String section = field.startsWith("limits") ? "limits" : "requests";
                String res = field.substring(field.indexOf('.') + 1);
                BigDecimal sum = BigDecimal.ZERO;
                for (Workload w : set.workloads()) {
                    if (!ManifestSet.sameNamespace(w.namespace(), ManifestSet.namespace(q))) {
                        continue;
                    }
                    for (Container c : w.allContainers()) {
                        Quantity v = get(c, section, res);
                        if (v == null && section.equals("limits")) {
                            out.add(Finding.of("quota-requires-limits", w.ref(), "ResourceQuota " + qname + " caps "
                                    + field + " but container " + c.getName() + " of " + w.title() + " sets no "
                                    + field + ", so its pods are rejected", true, "quota", qname,
                                    "container", c.getName(), "resource", res, "workload", w.ref(),
                                    "namespace", w.namespace()));
                        }
                        BigDecimal d = ManifestSet.amount(v);
                        if (d != null) {
                            sum = sum.add(d.multiply(BigDecimal.valueOf(Math.max(1, w.replicas()))));
                        }
                    }
                }
                if (sum.compareTo(cap) > 0) {
                    out.add(Finding.of("quota-exceeded", "resourcequota/" + qname, "the workloads need "
                            + ManifestSet.format(sum, res) + " of " + field + " but ResourceQuota " + qname
                            + " allows " + hard.get(field), true, "quota", qname, "resource", field,
                            "request", ManifestSet.format(sum, res), "limit", hard.get(field).toString(),
                            "namespace", ManifestSet.namespace(q)));
                }
            }
        }
    }

    private static void limitRanges(ManifestSet set, List<Finding> out) {
        for (LimitRange lr : set.ofKind(LimitRange.class)) {
            if (lr.getSpec() == null) {
                continue;
            }
            String name = ManifestSet.name(lr);
            for (LimitRangeItem item : ManifestSet.list(lr.getSpec().getLimits())) {
                if (!"Container".equals(item.getType())) {
                    continue;
                }
                for (Workload w : set.workloads()) {
                    if (!ManifestSet.sameNamespace(w.namespace(), ManifestSet.namespace(lr))) {
                        continue;
                    }
                    for (Container c : w.allContainers()) {
                        for (String r : RESOURCES) {
                            Quantity max = ManifestSet.map(item.getMax()).get(r);
                            Quantity min = ManifestSet.map(item.getMin()).get(r);
                            Quantity lim = get(c, "limits", r);
                            Quantity req = get(c, "requests", r);
                            String bad = null;
                            if (max != null && lim != null && gt(lim, max)) {
                                bad = "limit " + lim + " " + r + " is above the maximum " + max;
                            } else if (min != null && req != null && gt(min, req)) {
                                bad = "request " + req + " " + r + " is below the minimum " + min;
                            }
                            if (bad != null) {
                                out.add(Finding.of("limitrange-violation", w.ref(), "container " + c.getName() + " of "
                                        + w.title() + ": its " + bad + " of LimitRange " + name
                                        + ", so its pods are rejected", true, "limitrange", name,
                                        "container", c.getName(), "resource", r, "workload", w.ref(),
                                        "namespace", w.namespace()));
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean gt(Quantity a, Quantity b) {
        BigDecimal x = ManifestSet.amount(a);
        BigDecimal y = ManifestSet.amount(b);
        return x != null && y != null && x.compareTo(y) > 0;
    }
}
