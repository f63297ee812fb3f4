package dev.metakube.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Pathway;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidenceCalibrationTest {
    /** Expected calibration error over 10 equal-width bins. */
    private static double ece(double[] p, boolean[] y) {
        double[] sum = new double[10];
        double[] hits = new double[10];
        int[] n = new int[10];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(9, (int) (p[i] * 10));
            sum[b] += p[i];
            hits[b] += y[i] ? 1 : 0;
            n[b]++;
        }
        double e = 0;
        for (int b = 0; b < 10; b++) {
            if (n[b] > 0) {
                e += Math.abs(sum[b] / n[b] - hits[b] / n[b]) * n[b] / p.length;
            }
        }
        return e;
    }

    @Test
    void anOverconfidentScoreBecomesCalibrated() {
        ConfidenceCalibration cal = ConfidenceCalibration.inMemory();
        Random rnd = new Random(3);
        // The raw score overstates: the true chance of being right is raw².
        for (int i = 0; i < 1_500; i++) {
            double raw = rnd.nextDouble();
            cal.learn(Pathway.INTUITIVE, raw, rnd.nextDouble() < raw * raw);
        }
        int m = 5_000;
        double[] rawP = new double[m];
        double[] calP = new double[m];
        boolean[] y = new boolean[m];
        for (int i = 0; i < m; i++) {
            double raw = rnd.nextDouble();
            rawP[i] = raw;
            calP[i] = cal.calibrate(Pathway.INTUITIVE, raw);
            y[i] = rnd.nextDouble() < raw * raw;
        }
        assertTrue(ece(rawP, y) > 0.1, "the raw score is miscalibrated: " + ece(rawP, y));
        assertTrue(ece(calP, y) < 0.05, "calibrated ECE " + ece(calP, y));
        assertEquals(0.3, cal.calibrate(Pathway.ANALYTICAL, 0.3), 1e-12, "the other pathway is untouched");
    }

    @Test
    void outcomesAtTheSameScoreArePooledWhateverTheirOrder() {
        ConfidenceCalibration wrongFirst = ConfidenceCalibration.inMemory();
        ConfidenceCalibration rightFirst = ConfidenceCalibration.inMemory();
        for (int i = 0; i < 100; i++) {
            wrongFirst.learn(Pathway.INTUITIVE, 0.6, i >= 50);
            rightFirst.learn(Pathway.INTUITIVE, 0.6, i < 50);
        }
        // Half of the outcomes at 0.6 were right: (100 × 0.5 + 10 × 0.6) / 110.
        assertEquals(56.0 / 110, wrongFirst.calibrate(Pathway.INTUITIVE, 0.6), 1e-9);
        assertEquals(56.0 / 110, rightFirst.calibrate(Pathway.INTUITIVE, 0.6), 1e-9);
    }

    @Test
    void theMapKeepsTheOrderOfScores() {
        ConfidenceCalibration cal = ConfidenceCalibration.inMemory();
        Random rnd = new Random(5);
        for (int i = 0; i < 500; i++) {
            double raw = rnd.nextDouble();
            cal.learn(Pathway.ANALYTICAL, raw, rnd.nextBoolean());
        }
        double last = -1;
        for (int i = 0; i <= 100; i++) {
            double c = cal.calibrate(Pathway.ANALYTICAL, i / 100.0);
            assertTrue(c >= last - 1e-12 && c >= 0 && c <= 1, "monotone and in [0, 1] at " + i);
            last = c;
        }
    }

    @Test
    void outcomesSurviveARestart(@TempDir Path dir) {
        ConfidenceCalibration cal = ConfidenceCalibration.open(dir);
        for (int i = 0; i < 100; i++) {
            cal.learn(Pathway.INTUITIVE, 0.9, i % 2 == 0);
        }
        ConfidenceCalibration again = ConfidenceCalibration.open(dir);
        assertEquals(cal.calibrate(Pathway.INTUITIVE, 0.9), again.calibrate(Pathway.INTUITIVE, 0.9), 1e-12);
        assertEquals(100, again.samples().get(Pathway.INTUITIVE));
        assertTrue(again.calibrate(Pathway.INTUITIVE, 0.9) < 0.6, "0.9 was right half of the time");
    }
}
