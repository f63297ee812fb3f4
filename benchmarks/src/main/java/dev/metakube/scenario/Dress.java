package dev.metakube.scenario;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The outward appearance of one scenario: application, namespace, pods, nodes, image, ports, times. Every
 * value is drawn from the scenario's random source, so the same fault looks different each time it recurs.
 */
final class Dress {
    private static final List<String> APPS = List.of(
            "checkout", "payments", "ledger", "inventory", "search-api", "catalog", "orders", "billing-worker",
            "notifier", "auth-gateway", "profile-svc", "recommender", "shipping", "pricing-engine", "cart",
            "invoice-renderer", "fraud-scorer", "media-transcoder", "report-builder", "session-store",
            "feature-flags", "audit-log", "geo-lookup", "quote-service", "ingest-collector", "web-frontend",
            "mobile-bff", "event-router", "loyalty", "tax-calculator", "kyc-verifier", "chat-service",
            "metrics-relay", "booking-api", "warehouse-sync", "email-dispatch", "ratelimiter", "thumbnailer");
    private static final List<String> NAMESPACES = List.of(
            "prod", "shop", "payments", "platform", "data", "checkout-prod", "team-orion", "team-vega", "backend",
            "apps", "commerce", "fin-core", "edge", "staging", "svc-live", "retail-eu", "retail-us", "ops-tools",
            "analytics", "customer");
    private static final List<String> TEAMS = List.of(
            "orion", "vega", "atlas", "nova", "lynx", "falcon", "kestrel", "delta", "polaris", "sirius");
    private static final List<String> ENVS = List.of("production", "staging", "prod-eu", "prod-us", "preprod");
    private static final List<String> REGISTRIES = List.of(
            "registry.internal.example.com", "harbor.corp.example.net", "ghcr.io/acme-labs",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "europe-docker.pkg.dev/acme-prod/apps",
            "quay.io/acme", "acmecr.azurecr.io", "docker.io/acmeco", "nexus.example.org:5000");
    private static final List<String> DEPS = List.of(
            "postgres", "redis", "orders-api", "users-db", "kafka-broker", "rabbitmq", "elasticsearch",
            "mongo", "pricing-api", "vault", "memcached", "accounts-api");
    private static final List<Integer> PORTS = List.of(8080, 8000, 3000, 9090, 5000, 8443, 8081, 7000, 4000);
    private static final String HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private Dress() {
    }

    /** The built-in variables every template may use. */
    static Map<String, String> draw(Random r) {
        Map<String, String> v = new LinkedHashMap<>();
        String app = pick(r, APPS);
        String ns = pick(r, NAMESPACES);
        String hash = hash(r, 9 + r.nextInt(2));
        v.put("app", app);
        v.put("ns", ns);
        v.put("deploy", app);
        v.put("rs", app + "-" + hash);
        v.put("pod", app + "-" + hash + "-" + hash(r, 5));
        v.put("pod2", app + "-" + hash + "-" + hash(r, 5));
        v.put("pod3", app + "-" + hash + "-" + hash(r, 5));
        v.put("team", pick(r, TEAMS));
        v.put("env", pick(r, ENVS));
        v.put("sa", r.nextBoolean() ? app : app + "-sa");
        v.put("svc", r.nextInt(3) == 0 ? app + "-svc" : app);
        v.put("cm", app + (r.nextBoolean() ? "-config" : "-settings"));
        v.put("secret", app + (r.nextBoolean() ? "-credentials" : "-secrets"));
        String dep = pick(r, DEPS);
        v.put("dep", dep);
        String depNs = pick(r, NAMESPACES);
        v.put("dep_ns", depNs.equals(ns) ? depNs + "-shared" : depNs);
        int port = PORTS.get(r.nextInt(PORTS.size()));
        int port2 = port;
        while (port2 == port) {
            port2 = PORTS.get(r.nextInt(PORTS.size()));
        }
        v.put("port", Integer.toString(port));
        v.put("port2", Integer.toString(port2));
        String registry = pick(r, REGISTRIES);
        String tag = r.nextInt(3) == 0 ? hex(r, 7)
                : (1 + r.nextInt(4)) + "." + r.nextInt(20) + "." + r.nextInt(12);
        v.put("registry", registry);
        v.put("registry_host", registry.contains("/") ? registry.substring(0, registry.indexOf('/')) : registry);
        v.put("repo", registry + "/" + app);
        v.put("tag", tag);
        v.put("image", registry + "/" + app + ":" + tag);
        nodes(r, v);
        v.put("pod_ip", "10." + (100 + r.nextInt(150)) + "." + r.nextInt(64) + "." + (2 + r.nextInt(250)));
        v.put("pod_ip2", "10." + (100 + r.nextInt(150)) + "." + r.nextInt(64) + "." + (2 + r.nextInt(250)));
        v.put("cluster_ip", "172.20." + r.nextInt(255) + "." + (2 + r.nextInt(250)));
        v.put("k8s", "1." + (26 + r.nextInt(6)));
        v.put("k8s_patch", "1." + (26 + r.nextInt(6)) + "." + (1 + r.nextInt(12)));
        v.put("replicas", Integer.toString(2 + r.nextInt(5)));
        int hour = r.nextInt(24);
        int minute = r.nextInt(60);
        v.put("time", String.format(Locale.ROOT, "%02d:%02d", hour, minute));
        int day = 1 + r.nextInt(28);
        int month = r.nextInt(12);
        String weekday = DAYS[LocalDate.of(2026, month + 1, day).getDayOfWeek().getValue() - 1];
        v.put("date", String.format(Locale.ROOT, "%s, %02d %s 2026 %02d:%02d:%02d +0000", weekday, day,
                MONTHS[month], hour, minute, r.nextInt(60)));
        v.put("iso", String.format(Locale.ROOT, "2026-%02d-%02dT%02d:%02d:%02dZ", month + 1, day, hour, minute,
                r.nextInt(60)));
        v.put("log_ts", String.format(Locale.ROOT, "2026-%02d-%02d %02d:%02d", month + 1, day, hour, minute));
        v.put("mins", Integer.toString(5 + r.nextInt(80)));
        v.put("restarts", Integer.toString(3 + r.nextInt(40)));
        v.put("uid", hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12));
        v.put("cid", hex(r, 64));
        v.put("req_cpu", pick(r, List.of("100m", "200m", "250m", "500m")));
        v.put("req_mem", pick(r, List.of("128Mi", "256Mi", "384Mi", "512Mi")));
        return v;
    }

    private static void nodes(Random r, Map<String, String> v) {
        int style = r.nextInt(5);
        for (String key : List.of("node", "node2", "node3")) {
            String name;
            switch (style) {
                case 0 -> name = "ip-10-0-" + r.nextInt(64) + "-" + (2 + r.nextInt(250))
                        + ".eu-west-1.compute.internal";
                case 1 -> name = "gke-prod-pool-" + (1 + r.nextInt(3)) + "-" + hex(r, 8) + "-" + hash(r, 4);
                case 2 -> name = "aks-nodepool1-" + (10000000 + r.nextInt(89999999)) + "-vmss00000"
                        + Integer.toHexString(r.nextInt(16));
                case 3 -> name = "worker-" + String.format(Locale.ROOT, "%02d", 1 + r.nextInt(40));
                default -> name = "k8s-node-" + (1 + r.nextInt(60));
            }
            v.put(key, name);
        }
        v.put("node_ip", "10.0." + r.nextInt(64) + "." + (2 + r.nextInt(250)));
    }

    static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    static String hash(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(HASH_CHARS.charAt(r.nextInt(HASH_CHARS.length())));
        }
        return b.toString();
    }

    static String hex(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }
}
