package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * What one pod of a workload requests of a node for a resource, as the scheduler counts it: the sum over the app
 * containers, or the largest init container's request when that is larger (init containers run one at a time).
 * Written as the manifest writes it where one container asks, else in the usual unit.
 */
public final class PodRequests {
    private static final BigDecimal GI = BigDecimal.valueOf(1L << 30);
    private static final BigDecimal MI = BigDecimal.valueOf(1L << 20);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private PodRequests() {
    }

    /** The pod's request of {@code resource} ({@code cpu} or {@code memory}), if any container states one. */
    public static Optional<String> of(Workload w, String resource) {
        BigDecimal sum = BigDecimal.ZERO;
        String single = null;
        int asking = 0;
        for (Container c : w.containers()) {
            Quantity q = request(c, resource);
            if (q != null) {
                sum = sum.add(ManifestSet.amount(q));
                single = q.toString();
                asking++;
            }
        }
        BigDecimal init = BigDecimal.ZERO;
        String initText = null;
        for (Container c : ManifestSet.list(w.spec().getInitContainers())) {
            Quantity q = request(c, resource);
            if (q != null && ManifestSet.amount(q).compareTo(init) > 0) {
                init = ManifestSet.amount(q);
                initText = q.toString();
            }
        }
        if (init.compareTo(sum) > 0) {
            return Optional.of(initText);
        }
        if (asking == 0 || sum.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(asking == 1 ? single : format(sum, resource));
    }

    /** The container's request of {@code resource}; null when absent, unreadable or negative. */
    private static Quantity request(Container c, String resource) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Quantity q = requests == null ? null : requests.get(resource);
        BigDecimal amount = ManifestSet.amount(q);
        return amount == null || amount.signum() < 0 ? null : q;
    }

    private static String format(BigDecimal v, String resource) {
        if (resource.equals("cpu")) {
            BigDecimal milli = v.multiply(THOUSAND);
            return milli.remainder(THOUSAND).signum() == 0 ? v.stripTrailingZeros().toPlainString()
                    : milli.setScale(0, RoundingMode.HALF_UP).toPlainString() + "m";
        }
        if (v.remainder(GI).signum() == 0) {
            return v.divide(GI).toPlainString() + "Gi";
        }
        if (v.remainder(MI).signum() == 0) {
            return v.divide(MI).toPlainString() + "Mi";
        }
        return v.toPlainString();
    }
}
