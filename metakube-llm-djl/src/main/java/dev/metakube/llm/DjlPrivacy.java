package dev.metakube.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL from reaching the network. DJL reads these switches when its engines start, so every class in this
 * module that touches DJL calls {@link #apply()} first. Without them DJL may download artifacts, probe a cloud
 * metadata address (169.254.169.254) and send usage telemetry when an engine starts; MetaKube promises that nothing
 * leaves the process.
 *
 * <p>How DJL 0.32.0 reads them (checked in its byte code): offline mode is
 * {@code Utils.getenv("DJL_OFFLINE", System.getProperty("ai.djl.offline"))}, so the environment variable wins over the
 * system property; telemetry ({@code Ec2Utils.callHome}, run when the default engine is first resolved) is skipped
 * when offline mode is on, or when {@code Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING")} is true, which also
 * reads the environment variable first and the system property second. A Java library cannot change its process's
 * environment, so {@link #apply()} sets both system properties, and reports as not private an environment that sets
 * {@code DJL_OFFLINE} to anything but {@code true} ({@link #isPrivate()}).
 */
public final class DjlPrivacy {
    private static final Logger LOG = LoggerFactory.getLogger(DjlPrivacy.class);
    private static volatile boolean warned;

    private DjlPrivacy() {
    }

    /**
     * Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} unless the user set them already, and logs a
     * warning once when the environment overrides them.
     */
    public static void apply() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (!isPrivate() && !warned) {
            warned = true;
            LOG.warn("DJL may reach the network: the environment sets DJL_OFFLINE={} and OPT_OUT_TRACKING={}, which"
                    + " override MetaKube's system properties", System.getenv("DJL_OFFLINE"),
                    System.getenv("OPT_OUT_TRACKING"));
        }
    }

    /** Whether DJL, as configured now, neither downloads nor sends telemetry (the rule DJL 0.32.0 applies). */
    public static boolean isPrivate() {
        String offlineEnv = System.getenv("DJL_OFFLINE");
        boolean offline = Boolean.parseBoolean(offlineEnv != null ? offlineEnv : System.getProperty("ai.djl.offline"));
        // offline mode alone stops both downloads and telemetry; opting out of tracking alone still allows downloads
        return offline;
    }
}
