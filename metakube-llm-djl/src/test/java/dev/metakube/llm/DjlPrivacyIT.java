package dev.metakube.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Ec2Utils;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM (Failsafe) with no DJL switches on the command line, so the engine starts here for the first
 * time, after {@link DjlPrivacy#apply()}. DJL opens its connections through {@link URL} with an explicit proxy, so a
 * proxy selector would not see them: instead a {@link URLStreamHandlerFactory} records every http(s) URL the JVM
 * opens and fails the connection, so nothing leaves the machine even when the check fails.
 */
class DjlPrivacyIT {
    static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    static final class Recording extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL u) {
            return openConnection(u, Proxy.NO_PROXY);
        }

        @Override
        protected URLConnection openConnection(URL u, Proxy p) {
            SEEN.add(u.toString());
            return new HttpURLConnection(u) {
                @Override
                public void connect() throws IOException {
                    throw new ConnectException("blocked by the test: " + u);
                }

                @Override
                public void disconnect() {
                }

                @Override
                public boolean usingProxy() {
                    return false;
                }
            };
        }
    }

    @Test
    void engineStartAttemptsNoConnectionAndTheCheckWouldSeeOne() {
        assertNull(System.getenv("DJL_OFFLINE"), "run without DJL_OFFLINE in the environment");
        assertNull(System.getenv("OPT_OUT_TRACKING"), "run without OPT_OUT_TRACKING in the environment");
        assertNull(System.getProperty("ai.djl.offline"), "the build must not set the switch: the library does");
        URL.setURLStreamHandlerFactory(protocol -> protocol.equals("http") || protocol.equals("https")
                ? new Recording() : null);
        try {
            DjlPrivacy.apply();
            assertTrue(DjlPrivacy.isPrivate());
            Engine engine = Engine.getEngine("PyTorch");
            try (NDManager m = engine.newBaseManager()) {
                NDArray a = m.create(new float[] {1, 2, 3});
                assertEquals(6f, a.sum().getFloat());
            }
            assertEquals(List.of(), SEEN, "DJL attempted connections while private");

            // the same telemetry call with the switches off does try to connect: the recorder would have seen it
            System.setProperty("ai.djl.offline", "false");
            System.setProperty("OPT_OUT_TRACKING", "false");
            assertFalse(DjlPrivacy.isPrivate());
            try {
                Ec2Utils.callHome("PyTorch");
            } catch (RuntimeException expected) {
                // the blocked connection may surface; what matters is that it was attempted
            }
            assertTrue(SEEN.stream().anyMatch(u -> u.contains("169.254.169.254") || u.contains("djl-telemetry")),
                    SEEN.toString());
        } finally {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
