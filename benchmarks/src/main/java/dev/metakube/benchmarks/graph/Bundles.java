package dev.metakube.benchmarks.graph;

import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import dev.metakube.api.Incident;
import java.util.Random;

/** Deterministic evidence bundles for the graph benchmarks. */
final class Bundles {
    private Bundles() {
    }

    /** A describe + events + logs bundle of exactly {@code lines} lines (describe 40, events 10%, logs the rest). */
    static Incident bundle(int lines, long seed) {
        Random r = new Random(seed);
        StringBuilder describe = new StringBuilder();
        String[] head = {
            "Name:         payments-api-6f7c9d8b5-x2k9p", "Namespace:    payments", "Priority:     0",
            "Node:         worker-3/10.0.4.17", "Start Time:   Mon, 01 Jun 2026 09:12:44 +0000",
            "Labels:       app=payments-api", "              pod-template-hash=6f7c9d8b5", "Status:       Running",
            "IP:           10.244.3.21", "Controlled By:  ReplicaSet/payments-api-6f7c9d8b5", "Containers:", "  api:",
            "    Container ID:   containerd://4f2a9c", "    Image:          registry.example.com/payments/api:2.14.1",
            "    Port:           8080/TCP", "    State:          Waiting", "      Reason:       CrashLoopBackOff",
            "    Last State:     Terminated", "      Reason:       OOMKilled", "      Exit Code:    137",
            "    Ready:          False", "    Restart Count:  14", "    Limits:", "      cpu:     1",
            "      memory:  512Mi", "    Requests:", "      cpu:        250m", "      memory:     256Mi",
            "    Liveness:   http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3",
            "    Environment:", "      DB_HOST:      postgres.payments.svc", "Conditions:", "  Type              Status",
            "  Initialized       True", "  Ready             False", "  ContainersReady   False",
            "  PodScheduled      True", "Volumes:", "  kube-api-access-x2k9p:", "    Type:  Projected"};
        for (String h : head) {
            describe.append(h).append('\n');
        }
        int eventLines = lines / 10;
        int logLines = lines - head.length - eventLines;
        StringBuilder events = new StringBuilder();
        String[] ev = {
            "Normal   Scheduled  pod/payments-api-6f7c9d8b5-x2k9p  Successfully assigned payments/payments-api-6f7c9d8b5-x2k9p to worker-3",
            "Normal   Pulled     pod/payments-api-6f7c9d8b5-x2k9p  Container image \"registry.example.com/payments/api:2.14.1\" already present on machine",
            "Normal   Created    pod/payments-api-6f7c9d8b5-x2k9p  Created container api",
            "Normal   Started    pod/payments-api-6f7c9d8b5-x2k9p  Started container api",
            "Warning  BackOff    pod/payments-api-6f7c9d8b5-x2k9p  Back-off restarting failed container api in pod payments-api-6f7c9d8b5-x2k9p",
            "Warning  Unhealthy  pod/payments-api-6f7c9d8b5-x2k9p  Readiness probe failed: Get \"http://10.244.3.21:8080/ready\": dial tcp 10.244.3.21:8080: connect: connection refused"};
        for (int i = 0; i < eventLines; i++) {
            events.append(i % 50 == 0 ? "LAST SEEN  TYPE     REASON     OBJECT  MESSAGE" : (r.nextInt(60) + "m  " + ev[r.nextInt(ev.length)]))
                    .append('\n');
        }
        StringBuilder logs = new StringBuilder();
        String[] info = {
            "INFO  [http-nio-8080-exec-%d] c.e.payments.api.PaymentController - POST /v1/payments status=201 latency_ms=%d",
            "INFO  [scheduler-%d] c.e.payments.ledger.SyncJob - synced %d ledger entries",
            "DEBUG [pool-%d-thread-1] c.e.payments.cache.SessionCache - cache size=%d",
            "WARN  [http-nio-8080-exec-%d] c.e.payments.api.RateLimiter - client over budget, remaining=%d",
            "INFO  [main] o.s.b.w.e.tomcat.TomcatWebServer - Tomcat started on port(s): 8080 (http) pid=%d uptime=%d"};
        for (int i = 0; i < logLines; i++) {
            String line = i == logLines - 3 ? "ERROR java.lang.OutOfMemoryError: Java heap space"
                    : String.format(info[r.nextInt(info.length)], r.nextInt(200), r.nextInt(5000));
            logs.append(String.format("2026-06-01T10:%02d:%02d.%03dZ ", (i / 60) % 60, i % 60, r.nextInt(1000)))
                    .append(line).append('\n');
        }
        return Incident.builder().id("bundle-" + lines).symptoms("payments-api pods keep restarting")
                .context("payments", "Pod", "payments-api-6f7c9d8b5-x2k9p")
                .evidence(new Evidence(EvidenceKind.DESCRIBE, "kubectl describe pod payments-api-6f7c9d8b5-x2k9p", describe.toString().stripTrailing()))
                .evidence(new Evidence(EvidenceKind.EVENTS, "kubectl get events -n payments", events.toString().stripTrailing()))
                .evidence(new Evidence(EvidenceKind.LOGS, "kubectl logs payments-api-6f7c9d8b5-x2k9p --previous", logs.toString().stripTrailing()))
                .build();
    }
}
