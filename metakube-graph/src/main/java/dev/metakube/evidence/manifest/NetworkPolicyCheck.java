package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NetworkPolicies against the pods they isolate, every policy that selects a pod taken together (policies add up:
 * a pod may send or receive what any of them allows): no ingress or no egress allowed at all, egress limited without
 * DNS (port 53), and ingress rules that leave out a client the evidence shows must talk to the pods (a workload
 * whose env or args name the Service of the isolated pods), by the labels and namespaces of its pods.
 */
public final class NetworkPolicyCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("network-policy-denies-ingress", "network-policy-denies-egress", "network-policy-blocks-dns",
                "network-policy-blocks-client");
    }

    /**
     * Pods that policies isolate: a workload shown, or, where no workload shown matches a policy, the pods its
     * selector names.
     */
    private record Target(String title, String ref, String namespace, Map<String, String> labels, Workload workload) {
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<NetworkPolicy> policies = set.ofKind(NetworkPolicy.class).stream().filter(np -> np.getSpec() != null)
                .toList();
        for (Target t : targets(set, policies)) {
            // policies add up: a pod may send or receive what any policy selecting it allows
            List<NetworkPolicy> selecting = policies.stream().filter(np -> ManifestSet.sameNamespace(t.namespace(),
                    ManifestSet.namespace(np)) && Selectors.matches(np.getSpec().getPodSelector(), t.labels())).toList();
            List<NetworkPolicy> ingressPolicies = selecting.stream().filter(np -> types(np).contains("Ingress")).toList();
            List<NetworkPolicy> egressPolicies = selecting.stream().filter(np -> types(np).contains("Egress")).toList();
            if (!ingressPolicies.isEmpty()) {
                List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
                ingressPolicies.forEach(np -> ingress.addAll(ManifestSet.list(np.getSpec().getIngress())));
                String[] common = common(ingressPolicies, t);
                if (ingress.isEmpty()) {
                    out.add(Finding.of("network-policy-denies-ingress", "networkpolicy/" + common[1], "NetworkPolicy "
                            + names(ingressPolicies) + " selects " + t.title() + " and allows no ingress: all traffic"
                            + " to them is dropped", true, common));
                } else if (t.workload() != null) {
                    client(set, ingressPolicies.get(0), ingress, t.workload(), out, common);
                }
            }
            if (!egressPolicies.isEmpty()) {
                List<NetworkPolicyEgressRule> egress = new ArrayList<>();
                egressPolicies.forEach(np -> egress.addAll(ManifestSet.list(np.getSpec().getEgress())));
                String[] common = common(egressPolicies, t);
                if (egress.isEmpty()) {
                    out.add(Finding.of("network-policy-denies-egress", "networkpolicy/" + common[1], "NetworkPolicy "
                            + names(egressPolicies) + " selects " + t.title() + " and allows no egress: they cannot"
                            + " reach DNS or any service", true, common));
                } else if (!allowsDns(egress)) {
                    out.add(Finding.of("network-policy-blocks-dns", "networkpolicy/" + common[1], "NetworkPolicy "
                            + names(egressPolicies) + " limit the egress of " + t.title() + " and no rule allows port"
                            + " 53 to kube-dns: DNS lookups fail", true, common));
                }
            }
        }
        return out;
    }

    private static List<Target> targets(ManifestSet set, List<NetworkPolicy> policies) {
        List<Target> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            out.add(new Target("the pods of " + w.title(), w.ref(), w.namespace(), w.labels(), w));
        }
        for (NetworkPolicy np : policies) {
            Map<String, String> wanted = np.getSpec().getPodSelector() == null ? null
                    : np.getSpec().getPodSelector().getMatchLabels();
            if (wanted == null || wanted.isEmpty() || out.stream().anyMatch(t -> Selectors.matches(
                    np.getSpec().getPodSelector(), t.labels()))) {
                continue;
            }
            out.add(new Target("the pods labelled " + Selectors.pairs(wanted), null, ManifestSet.namespace(np),
                    wanted, null));
        }
        return out;
    }

    /** The policy types, defaulted as the API server does: Ingress, plus Egress where egress rules are given. */
    private static List<String> types(NetworkPolicy np) {
        List<String> types = new ArrayList<>(ManifestSet.list(np.getSpec().getPolicyTypes()));
        if (types.isEmpty()) {
            types.add("Ingress");
            if (!ManifestSet.list(np.getSpec().getEgress()).isEmpty()) {
                types.add("Egress");
            }
        }
        return types;
    }

    private static String names(List<NetworkPolicy> policies) {
        return String.join(" and ", policies.stream().map(ManifestSet::name).toList());
    }

    private static String[] common(List<NetworkPolicy> policies, Target t) {
        // the policy that isolates the pods (a default deny) is named first
        NetworkPolicy first = policies.stream().filter(np -> np.getSpec().getPodSelector() != null
                && (np.getSpec().getPodSelector().getMatchLabels() == null
                || np.getSpec().getPodSelector().getMatchLabels().isEmpty())).findFirst().orElse(policies.get(0));
        return new String[] {"networkpolicy", ManifestSet.name(first), "namespace", ManifestSet.namespace(first),
            "workload", t.ref(), "labels", Selectors.pairs(t.labels())};
    }

    /** The clients of {@code w}'s Services that no ingress rule admits. */
    private static void client(ManifestSet set, NetworkPolicy np, List<NetworkPolicyIngressRule> rules,
                               Workload w, List<Finding> out, String[] common) {
        List<String> services = new ArrayList<>();
        for (Service s : set.ofKind(Service.class)) {
            if (s.getSpec() != null && Selectors.matches(s.getSpec().getSelector(), w.labels())) {
                services.add(ManifestSet.name(s));
            }
        }
        if (services.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        for (Namespace n : set.ofKind(Namespace.class)) {
            Map<String, String> l = new HashMap<>(ManifestSet.labels(n));
            l.put("kubernetes.io/metadata.name", ManifestSet.name(n));
            nsLabels.put(ManifestSet.name(n), l);
        }
        for (Workload c : set.workloads()) {
            if (c == w) {
                continue;
            }
            String svc = calls(c, services);
            if (svc == null || admits(rules, np, c, nsLabels)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("client", c.ref(), "service", svc, "clientlabels", Selectors.pairs(c.labels())));
            out.add(Finding.of("network-policy-blocks-client", "networkpolicy/" + ManifestSet.name(np),
                    "NetworkPolicy " + ManifestSet.name(np) + " admits no ingress from the pods of " + c.title()
                    + " (labelled " + Selectors.pairs(c.labels()) + "), which call Service " + svc + " of "
                    + w.title(), true, args.toArray(new String[0])));
        }
    }

    /** The Service a workload names in its env values, args or command, or null. */
    private static String calls(Workload c, List<String> services) {
        for (Container k : c.allContainers()) {
            String t = ManifestSet.said(k).replace('\n', ' ').toLowerCase(Locale.ROOT);
            for (String s : services) {
                if (mentions(t, s)) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Whether the text names the host {@code s} ("s", "s:8080", "http://s/", "s.ns.svc"). */
    private static boolean mentions(String t, String s) {
        int from = 0;
        while (true) {
            int at = t.indexOf(s, from);
            if (at < 0) {
                return false;
            }
            int end = at + s.length();
            boolean left = at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1)) && t.charAt(at - 1) != '-';
            boolean right = end == t.length() || ":/. ,;'\"".indexOf(t.charAt(end)) >= 0;
            if (left && right) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean admits(List<NetworkPolicyIngressRule> rules, NetworkPolicy np, Workload c,
                                  Map<String, Map<String, String>> nsLabels) {
        String policyNs = ManifestSet.namespace(np);
        for (NetworkPolicyIngressRule r : rules) {
            List<NetworkPolicyPeer> from = ManifestSet.list(r.getFrom());
            if (from.isEmpty()) {
                return true;
            }
            for (NetworkPolicyPeer p : from) {
                if (p.getIpBlock() != null) {
                    return true;
                }
                boolean podOk = p.getPodSelector() == null || Selectors.matches(p.getPodSelector(), c.labels());
                boolean nsOk;
                if (p.getNamespaceSelector() == null) {
                    nsOk = ManifestSet.sameNamespace(c.namespace(), policyNs);
                } else {
                    Map<String, String> labels = nsLabels.get(c.namespace());
                    // namespace labels not shown: cannot say it is refused
                    nsOk = labels == null || Selectors.matches(p.getNamespaceSelector(), labels);
                }
                if (podOk && nsOk) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some egress rule lets DNS through: one without ports, or one with port 53 or a dns-named port. */
    private static boolean allowsDns(List<NetworkPolicyEgressRule> egress) {
        for (NetworkPolicyEgressRule rule : egress) {
            List<NetworkPolicyPort> ports = ManifestSet.list(rule.getPorts());
            if (ports.isEmpty()) {
                return true;
            }
            for (NetworkPolicyPort p : ports) {
                if (p.getPort() == null) {
                    return true;
                }
                Integer n = p.getPort().getIntVal();
                String s = p.getPort().getStrVal();
                if (n != null && (n == 53 || p.getEndPort() != null && n <= 53 && p.getEndPort() >= 53)
                        || s != null && s.toLowerCase(Locale.ROOT).contains("dns")) {
                    return true;
                }
            }
        }
        return false;
    }
}
