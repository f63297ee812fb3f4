package dev.metakube.store.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for a test or a benchmark: {@code initdb} in a fresh temporary directory,
 * {@code pg_ctl start} on a free local port, a user {@link #USER} with a random password (password login over
 * TCP), and {@link #close()} stops it and deletes everything. The server binaries are found in
 * {@code $METAKUBE_PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * {@code postgresql} package), else on the {@code PATH}. As root (CI), the server runs as the {@code postgres}
 * user through {@code runuser}, since {@code initdb} refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {
    /** Environment variable: the directory of {@code initdb} and {@code pg_ctl}. */
    public static final String BIN_ENV = "METAKUBE_PG_BIN";
    /** The database user the server is created with. */
    public static final String USER = "metakube";
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String password;
    private final boolean asRoot;

    private LocalPostgres(Path bin, Path dir, int port, String password, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.password = password;
        this.asRoot = asRoot;
    }

    /**
     * Creates and starts a server.
     *
     * @throws IllegalStateException when the binaries are not found or the server does not start (with its log)
     */
    public static LocalPostgres start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("metakube-pg");
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = "pw-" + HexFormat.of().formatHex(random);
            boolean asRoot = "root".equals(System.getProperty("user.name"));
            LocalPostgres pg = new LocalPostgres(bin, dir, freePort(), password, asRoot);
            Path pwFile = dir.resolve("pw");
            Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
            if (asRoot) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(dir, owner);
                Files.setOwner(pwFile, owner);
            }
            pg.run(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", USER, "--pwfile=" + pwFile,
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
            Files.delete(pwFile);
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL data directory: " + e, e);
        }
    }

    static Path binaries() {
        String env = System.getenv(BIN_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isExecutable(p.resolve("initdb"))) {
                return p;
            }
            throw new IllegalStateException(BIN_ENV + "=" + env + " holds no executable initdb");
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                List<Path> found = s.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparingInt(LocalPostgres::version).reversed()).toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + debian + ": " + e, e);
            }
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "initdb")) && Files.isExecutable(Path.of(p, "pg_ctl"))) {
                return Path.of(p);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found: install the "
                + "postgresql package (.ci/run does) or set " + BIN_ENV);
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startServer() {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
    }

    /** Stops the server (fast shutdown: connections are cut) and starts it again on the same port. */
    public void restart() {
        stop();
        startServer();
    }

    /** Stops the server, cutting every connection; {@link #startAgain()} brings it back. */
    public void stop() {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Starts a server {@link #stop() stopped} before. */
    public void startAgain() {
        startServer();
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The password of {@link #USER}. */
    public String password() {
        return password;
    }

    /** A JDBC location of database {@code db}, without credentials. */
    public String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** Creates an empty database and returns its JDBC location (without credentials). */
    public String createDatabase(String db) {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url("postgres"), p); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + db + ": " + e.getMessage(), e);
        }
        return url(db);
    }

    private void run(String... command) {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            cmd.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        cmd.addAll(List.of(command));
        try {
            Path out = Files.createTempFile("metakube-pg-cmd", ".out");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    Path log = dir.resolve("server.log");
                    throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                            + Files.readString(out) + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
