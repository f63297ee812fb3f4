package dev.metakube.store.postgres;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.ExperienceLog;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the shared store is and how to log in, with the password kept apart from everything that is ever shown.
 * The password comes from, in order: the location's {@code password=} parameter, the property
 * {@link ExperienceLog#PASSWORD}, the file named by {@link ExperienceLog#PASSWORD_FILE} (first line), the
 * environment variable {@code METAKUBE_STORE_PASSWORD}, then {@code PGPASSWORD}; the user from the location's
 * {@code user=} parameter, {@link ExperienceLog#USER}, then {@code PGUSER}.
 *
 * @param url      the JDBC location without any credential
 * @param user     the user, empty for the driver's default
 * @param password the password, empty when none is given; never shown
 */
record StoreLocation(String url, String user, String password) {
    static final String PREFIX = "jdbc:postgresql:";

    /** Whether {@code location} is one this module serves. */
    static boolean serves(String location) {
        return location != null && location.strip().startsWith(PREFIX);
    }

    /**
     * Reads the location and credentials from the configuration and the environment.
     *
     * @throws InvalidInputException when the location is not a PostgreSQL JDBC URL or the password file cannot
     *         be read
     */
    static StoreLocation of(MetaKubeConfig config, Map<String, String> env) {
        String raw = config.property(ExperienceLog.STORE).orElse("").strip();
        if (!serves(raw)) {
            throw new InvalidInputException(ExperienceLog.STORE, "expected jdbc:postgresql://HOST:PORT/DATABASE, was '"
                    + withoutSecrets(raw) + "'");
        }
        String user = "";
        String password = "";
        int q = raw.indexOf('?');
        String base = q < 0 ? raw : raw.substring(0, q);
        List<String> kept = new ArrayList<>();
        if (q >= 0) {
            for (String pair : raw.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equalsIgnoreCase("password")) {
                    password = value;
                } else if (name.equalsIgnoreCase("user")) {
                    user = value;
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        String url = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        if (user.isEmpty()) {
            user = config.property(ExperienceLog.USER).orElse(env.getOrDefault("PGUSER", ""));
        }
        if (password.isEmpty()) {
            password = config.property(ExperienceLog.PASSWORD).orElse("");
        }
        if (password.isEmpty() && config.property(ExperienceLog.PASSWORD_FILE).isPresent()) {
            Path file = Path.of(config.property(ExperienceLog.PASSWORD_FILE).get());
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                password = lines.isEmpty() ? "" : lines.get(0).strip();
            } catch (IOException e) {
                throw new InvalidInputException(ExperienceLog.PASSWORD_FILE, "cannot read the password file " + file
                        + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        if (password.isEmpty()) {
            password = env.getOrDefault("METAKUBE_STORE_PASSWORD", env.getOrDefault("PGPASSWORD", ""));
        }
        return new StoreLocation(url, user, password);
    }

    /** The driver's connection properties: credentials and timeouts (seconds). */
    Properties connectionProperties(String applicationName) {
        Properties p = new Properties();
        if (!user.isEmpty()) {
            p.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", applicationName);
        return p;
    }

    /** The location as it may be shown: no password, the user named. */
    String shown() {
        return url + (user.isEmpty() ? "" : " (user " + user + ")");
    }

    /** {@code text} with the password, wherever it appears, replaced by {@code ***}. */
    String mask(String text) {
        if (text == null) {
            return "";
        }
        String t = withoutSecrets(text);
        return password.isEmpty() ? t : t.replace(password, "***");
    }

    /** A location or message with any {@code password=...} parameter or {@code user:password@} part hidden. */
    static String withoutSecrets(String text) {
        return text.replaceAll("(?i)(password=)[^&\\s]*", "$1***").replaceAll("(//[^/:@\\s]+:)[^@/\\s]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "StoreLocation[" + shown() + "]";
    }
}
