package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ingresses against their IngressClass and the Services and ports they route to. */
public final class IngressCheck implements ManifestCheck {
    @Override
    public Set<String> keys() {
        return Set.of("ingressclass-missing", "ingress-backend-missing");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        boolean classesShown = set.shows("IngressClass");
        for (Ingress ing : set.ofKind(Ingress.class)) {
            if (ing.getSpec() == null) {
                continue;
            }
            String name = ManifestSet.name(ing);
            String ns = ManifestSet.namespace(ing);
            String cls = ing.getSpec().getIngressClassName();
            if (cls == null && ing.getMetadata() != null && ing.getMetadata().getAnnotations() != null) {
                cls = ing.getMetadata().getAnnotations().get("kubernetes.io/ingress.class");
            }
            if (cls != null && !cls.isEmpty() && set.find("IngressClass", cls, null) == null) {
                out.add(Finding.of("ingressclass-missing", "ingress/" + name, "Ingress " + name
                        + " asks for IngressClass " + cls + (classesShown ? " but the IngressClasses are "
                        + set.names("IngressClass") : ", which is not among the objects shown"), classesShown,
                        "ingress", name, "namespace", ns, "ingressclass", cls));
            }
            List<IngressBackend> backends = new ArrayList<>();
            if (ing.getSpec().getDefaultBackend() != null) {
                backends.add(ing.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : ManifestSet.list(ing.getSpec().getRules())) {
                if (rule.getHttp() != null) {
                    for (HTTPIngressPath p : ManifestSet.list(rule.getHttp().getPaths())) {
                        if (p.getBackend() != null) {
                            backends.add(p.getBackend());
                        }
                    }
                }
            }
            for (IngressBackend b : backends) {
                IngressServiceBackend ref = b.getService();
                if (ref == null || ref.getName() == null) {
                    continue;
                }
                HasMetadata found = set.find("Service", ref.getName(), ns);
                if (!set.shows("Service")) {
                    out.add(Finding.of("ingress-backend-missing", "ingress/" + name, "Ingress " + name
                            + " routes to Service " + ref.getName() + ", which is not among the objects shown", false,
                            "ingress", name, "namespace", ns, "service", ref.getName()));
                    continue;
                }
                if (!(found instanceof Service svc)) {
                    out.add(Finding.of("ingress-backend-missing", "ingress/" + name, "Ingress " + name
                            + " routes to Service " + ref.getName() + " but the Services shown are "
                            + set.names("Service"), true, "ingress", name, "namespace", ns,
                            "service", ref.getName()));
                    continue;
                }
                if (ref.getPort() == null || svc.getSpec() == null) {
                    continue;
                }
                boolean ok = false;
                List<String> ports = new ArrayList<>();
                for (ServicePort sp : ManifestSet.list(svc.getSpec().getPorts())) {
                    ports.add(sp.getPort() + (sp.getName() == null ? "" : "/" + sp.getName()));
                    ok |= ref.getPort().getNumber() != null ? ref.getPort().getNumber().equals(sp.getPort())
                            : ref.getPort().getName() == null || ref.getPort().getName().equals(sp.getName());
                }
                if (!ok) {
                    String p = ref.getPort().getNumber() != null ? String.valueOf(ref.getPort().getNumber())
                            : ref.getPort().getName();
                    out.add(Finding.of("ingress-backend-missing", "ingress/" + name, "Ingress " + name
                            + " routes to port " + p + " of Service " + ref.getName() + ", which exposes "
                            + ports, true, "ingress", name, "namespace", ns, "service", ref.getName(), "port", p));
                }
            }
        }
        return out;
    }
}
