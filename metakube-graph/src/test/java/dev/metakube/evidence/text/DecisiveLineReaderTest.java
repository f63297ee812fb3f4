package dev.metakube.evidence.text;

import static dev.metakube.evidence.text.ReaderAssertions.found;
import static dev.metakube.evidence.text.ReaderAssertions.notFound;
import static dev.metakube.evidence.text.ReaderAssertions.text;
import static dev.metakube.evidence.text.ReaderAssertions.value;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecisiveLineReaderTest {
    @Test
    void javaExceptionWithItsDeepestCause() {
        TextFinding f = found(text(
                "2026-03-01 10:00:01 INFO  Starting InventoryApplication",
                "Exception in thread \"main\" org.springframework.beans.factory.BeanCreationException: Error creating bean 'dataSource'",
                "\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:208)",
                "\tat com.example.inventory.Main.main(Main.java:12)",
                "Caused by: java.lang.IllegalStateException: spring.datasource.url is not a valid JDBC URL",
                "\t... 12 more",
                "2026-03-01 10:00:02 ERROR later noise: java.io.IOException: closed"), "log-unhandled-exception");
        value(f, "exception", "java.lang.IllegalStateException");
        value(f, "message", "spring.datasource.url is not a valid JDBC URL");
        assertTrue(f.quote().contains("BeanCreationException"));
    }

    @Test
    void pythonTracebackEndsInItsException() {
        TextFinding f = found(text(
                "Traceback (most recent call last):",
                "  File \"/app/worker.py\", line 41, in <module>",
                "    main()",
                "  File \"/app/worker.py\", line 12, in main",
                "    rate = float(os.environ[\"RATE\"])",
                "ValueError: could not convert string to float: 'fast'"), "log-unhandled-exception");
        value(f, "exception", "ValueError");
        value(f, "message", "could not convert string to float: 'fast'");
    }

    @Test
    void goPanic() {
        TextFinding f = found(text("I0301 starting", "panic: runtime error: invalid memory address or nil pointer dereference",
                "goroutine 1 [running]:"), "log-unhandled-exception");
        value(f, "exception", "panic");
    }

    @Test
    void nodeConnectionRefusedNamesHostPortAndDependency() {
        TextFinding f = found(text(
                "Backend failed to start up Error: connect ECONNREFUSED 10.1.2.3:5432",
                "    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16)"), "log-connection-refused");
        value(f, "host", "10.1.2.3");
        value(f, "port", "5432");
        value(f, "dependency", "PostgreSQL");
    }

    @Test
    void localhostRefusalWithAnUnsetServiceVariable() {
        String log = text("could not connect to server: Connection refused",
                "\tIs the server running on host \"127.0.0.1\" and accepting TCP/IP connections on port 5432?",
                "(operator) ORDERSDB_SERVICE_HOST is empty in the pod");
        TextFinding f = found(log, "log-service-env-missing");
        value(f, "envvar", "ORDERSDB_SERVICE_HOST");
        value(f, "host", "127.0.0.1");
        notFound(text("dial tcp 10.0.0.9:6379: connect: connection refused"), "log-service-env-missing");
    }

    @Test
    void timeoutIsNotADnsTimeout() {
        TextFinding f = found(text("dial tcp 10.4.0.12:9092: i/o timeout"), "log-connection-timeout");
        value(f, "dependency", "Kafka");
        notFound(text("lookup kafka on 10.96.0.10:53: read udp 10.1.1.1:4000->10.96.0.10:53: i/o timeout"),
                "log-connection-timeout");
    }

    @Test
    void hostThatDoesNotResolve() {
        value(found(text("Get \"http://billing-api.payments:8080/v1\": dial tcp: lookup billing-api.payments on 10.96.0.10:53: no such host"),
                "log-dns-failure"), "host", "billing-api.payments");
        value(found(text("getaddrinfo ENOTFOUND redis-master.cache.svc.cluster.local"), "log-dns-failure"), "host",
                "redis-master.cache.svc.cluster.local");
        value(found(text("java.net.UnknownHostException: kafka-0.kafka-headless: Name or service not known"),
                "log-dns-failure"), "host", "kafka-0.kafka-headless");
        notFound(text("resolved kafka-0.kafka-headless to 10.2.3.4"), "log-dns-failure");
    }

    @Test
    void tlsErrorsWithTheirDatesAndHosts() {
        TextFinding expired = found(text("Post \"https://vault.internal:8200/v1/auth\": x509: certificate has expired or is not yet valid: current time 2026-03-01T10:00:00Z is after 2026-02-27T23:59:59Z"),
                "log-tls-expired");
        value(expired, "date", "2026-02-27T23:59:59Z");
        found(text("x509: certificate signed by unknown authority"), "log-tls-unknown-authority");
        value(found(text("x509: certificate is valid for ingress.local, not shop.example.org"), "log-tls-wrong-host"),
                "host", "shop.example.org");
        notFound(text("loaded certificate for shop.example.org, valid until 2027"), "log-tls-expired");
    }

    @Test
    void databaseShellEnvironmentAndPermissionErrors() {
        found(text("FATAL:  password authentication failed for user \"orders\""), "log-database-error");
        found(text("/entrypoint.sh: line 7: syntax error near unexpected token `fi'"), "log-shell-error");
        value(found(text("Error: environment variable API_TOKEN is not set"), "log-env-missing"), "envvar",
                "API_TOKEN");
        value(found(text("KeyError: 'SMTP_HOST'"), "log-env-missing"), "envvar", "SMTP_HOST");
        value(found(text("mkdir /var/lib/app/cache: permission denied"), "log-permission-denied"), "path",
                "/var/lib/app/cache");
        notFound(text("git@github.com: Permission denied (publickey)."), "log-permission-denied");
        notFound(text("all settings present, starting"), "log-env-missing");
    }

    @Test
    void execFormatErrorWithTheNodeArchitecture() {
        TextFinding f = found(text("exec /usr/local/bin/server: exec format error", "uname -m: aarch64"),
                "exec-format-error");
        value(f, "binary", "/usr/local/bin/server");
        value(f, "arch", "aarch64");
    }

    @Test
    void heapFlagWithAnOomKill() {
        value(found(text("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=90", "Last State: Terminated", "Reason: OOMKilled"),
                "runtime-heap-over-limit"), "heapflag", "-XX:MaxRAMPercentage=90");
        notFound(text("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=90", "started in 3.2 s"), "runtime-heap-over-limit");
    }

    @Test
    void outOfMemoryErrorIsTheRuntimeOutOfMemory() {
        found(text("Exception in thread \"worker-3\" java.lang.OutOfMemoryError: Java heap space"),
                "runtime-out-of-memory");
    }

    @Test
    void aToolsErrorLineIsNoCrashButANodeStackIs() {
        notFound(text("Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress"),
                "log-unhandled-exception");
        value(found(text("Error: Cannot find module '/app/server.js'", "    at Module._resolveFilename (node:internal/modules/cjs/loader:1039:15)"),
                "log-unhandled-exception"), "message", "Cannot find module '/app/server.js'");
        notFound(text("Error creating: Internal error occurred: failed calling webhook \"policy.example.io\": "
                + "Post \"https://policy.ops.svc:443/validate\": dial tcp 10.96.1.2:443: connect: connection refused"),
                "log-connection-refused");
    }

    @Test
    void aSourceLocationIsNoPeerAndALocalSocketIsNoDependency() {
        value(found(text("E0303 10:11:12.123456    881 client.go:212] upstream call failed: dial tcp 10.9.8.7:6379: "
                + "connect: connection refused"), "log-connection-refused"), "host", "10.9.8.7");
        TextFinding f = found(text("E0303 10:11:12.1 881 handler.py:88] connection refused by quotes-cache:11211"),
                "log-connection-refused");
        value(f, "host", "quotes-cache");
        value(f, "port", "11211");
        notFound(text("E0514 10:42:21.552087  2211 remote_runtime.go:407] \"ListContainers with filter from runtime "
                + "service failed\" err=\"rpc error: code = Unavailable desc = connection error: desc = \\\"transport: "
                + "Error while dialing dial unix /run/containerd/containerd.sock: connect: connection refused\\\"\""),
                "log-connection-refused");
    }

    @Test
    void aProgramFileTheRuntimeCannotFindIsNamed() {
        value(found(text("Error: Unable to access jarfile /opt/svc/service.jar"), "program-file-missing"),
                "file", "/opt/svc/service.jar");
        value(found(text("python3: can't open file '/srv/app/main.py': [Errno 2] No such file or directory"),
                "program-file-missing"), "file", "/srv/app/main.py");
        value(found(text("Error: Could not find or load main class com.example.billing.Main"),
                "program-file-missing"), "file", "com.example.billing.Main");
        notFound(text("INFO loaded jarfile /opt/svc/service.jar (12 MB)"), "program-file-missing");
    }

    @Test
    void aServerThatDiesOnAFullDiskIsTheFaultBehindRefusedConnections() {
        found(text("2025-02-01 03:12:44.101 UTC [31] PANIC:  could not write to file \"pg_wal/xlogtemp.31\": No space "
                + "left on device"), "log-disk-full");
        found(text("ERROR 28 (HY000): Error writing file '/var/lib/mysql/ib_logfile0' (Errcode: 28 - No space left on "
                + "device)"), "log-disk-full");
        notFound(text("INFO checked volume: no space left on device warnings are raised at 90%"), "log-disk-full");
        // the node's image store or inodes: node rules read those
        notFound(text("Failed to pull image \"reg.example/x:1\": failed to extract layer sha256:ab: write /var/lib/"
                + "containerd/x: no space left on device: fatal"), "log-disk-full");
    }

    @Test
    void aHealthyLogHasNoFinding() {
        assertTrue(ReaderAssertions.read(text("INFO started on port 8080", "INFO GET /health 200 1ms",
                "INFO connected to db at orders-db:5432")).isEmpty());
    }
}
