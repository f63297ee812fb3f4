package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-cluster DNS names against the Services shown: a container that calls or waits for
 * {@code name.namespace.svc[.cluster.local]} (in its command, args or env values) where the Services shown in that
 * namespace include none called {@code name}. The name cannot resolve, so the caller fails, or an init container
 * that waits for it never completes. Judged only where the evidence shows other Services of that namespace than the
 * caller's own; definite where one of them shares a word of the name (the Service meant, under another name).
 */
public final class ServiceHostCheck implements ManifestCheck {
    private static final Pattern SERVICE_HOST = Pattern.compile(
            "(?<![a-z0-9.-])([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)"
                    + "\\.svc(?:\\.cluster\\.local)?(?![a-z0-9-])");

    @Override
    public Set<String> keys() {
        return Set.of("service-host-missing");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        List<Service> services = set.ofKind(Service.class);
        if (services.isEmpty()) {
            return out;
        }
        for (Workload w : set.workloads()) {
            List<Container> init = ManifestSet.list(w.spec().getInitContainers());
            for (Container c : w.allContainers()) {
                Matcher m = SERVICE_HOST.matcher(ManifestSet.said(c));
                while (m.find()) {
                    String service = m.group(1);
                    String ns = m.group(2);
                    if (services.stream().anyMatch(s -> service.equals(ManifestSet.name(s)))) {
                        continue;
                    }
                    // the caller's own Service says nothing of the one it calls: only others count as shown
                    List<String> shown = services.stream().filter(s -> ns.equals(ManifestSet.namespace(s))
                            && !selects(s, w)).map(ManifestSet::name).toList();
                    if (shown.isEmpty()) {
                        continue;
                    }
                    boolean waits = init.contains(c);
                    out.add(Finding.of("service-host-missing", w.ref(), (waits ? "init container " : "container ")
                            + c.getName() + " of " + w.title() + (waits ? " waits for " : " calls ") + m.group()
                            + ", but the Services shown in namespace " + ns + " are " + shown + ": no Service "
                            + service + " exists there, so the name does not resolve", similar(service, shown),
                            "host", m.group(), "service", service, "container", c.getName(),
                            "workload", w.ref(), "namespace", w.namespace()));
                    return out;
                }
            }
        }
        return out;
    }

    private static boolean selects(Service s, Workload w) {
        return s.getSpec() != null && Selectors.matches(s.getSpec().getSelector(), w.labels());
    }

    /**
     * Whether a Service shown is the one meant (they share a word of the name: {@code pg-primary} and
     * {@code postgres-primary}): then the name is wrong for sure; otherwise the Service meant may simply not be shown.
     */
    private static boolean similar(String wanted, List<String> shown) {
        Set<String> words = new java.util.HashSet<>(java.util.Arrays.asList(wanted.split("-")));
        return shown.stream().anyMatch(n -> java.util.Arrays.stream(n.split("-"))
                .anyMatch(p -> p.length() >= 3 && words.contains(p)));
    }
}
