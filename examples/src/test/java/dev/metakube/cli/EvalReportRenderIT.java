package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code generate} and {@code eval} end to end and renders the report in headless Chromium: the page must
 * load from disk alone and paint its charts. Requires Chromium ({@code apt-get install -y chromium}; the CI
 * script installs it); without it this test fails and says so.
 */
@Tag("chromium")
class EvalReportRenderIT {
    @TempDir
    Path dir;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        Path scenarios = dir.resolve("s.jsonl");
        Cli gen = Cli.run("generate", "--count", "36", "--seed", "5", "--out", scenarios.toString());
        assertEquals(0, gen.exit, gen.toString());
        Path out = dir.resolve("out");
        Cli eval = Cli.run("eval", "--scenarios", scenarios.toString(), "--out", out.toString(), "--learn",
                "--both-modes", "--no-seed");
        assertEquals(0, eval.exit, eval.toString());
        Path report = out.resolve("report.html");
        assertTrue(Files.size(report) > 5_000, "report too small");
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"ece_15\"") && summary.contains("\"runs\""), summary);

        String chromium = findChromium();
        Path png = dir.resolve("report.png");
        run(chromium, "--window-size=1400,2600", "--screenshot=" + png, report.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "no screenshot written");
        assertEquals(1400, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the screenshot looks blank: " + colours.size() + " colours");

        String dom = run(chromium, "--dump-dom", report.toUri().toString());
        for (String id : List.of("learning-curve", "per-category", "reliability", "latency", "ablation-chart")) {
            assertTrue(dom.contains("<svg id=\"" + id + "\""), id + " missing from the rendered DOM");
        }
        assertTrue(dom.contains("ablation-table"));
        assertTrue(dom.contains("<polyline"), "no learning curve line");
    }

    private String run(String chromium, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String findChromium() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                File f = new File(dirName, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        throw new AssertionError("this test needs Chromium on the PATH: apt-get install -y chromium"
                + " (or leave this group out: -DexcludedGroups=chromium)");
    }
}
