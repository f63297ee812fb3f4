package dev.metakube.evidence.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decisive line of a multi-megabyte log is found wherever it is, in time linear in the input. */
class LargeLogTest {
    private static final String DECISIVE = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space";

    static String log(int megabytes) {
        StringBuilder b = new StringBuilder(megabytes << 20);
        int i = 0;
        int half = megabytes << 19;
        boolean placed = false;
        while (b.length() < megabytes << 20) {
            b.append("2026-03-01T10:00:").append(i % 60).append("Z INFO  request id=").append(i)
                    .append(" GET /api/orders status=200 took=").append(i % 97).append("ms\n");
            if (!placed && b.length() >= half) {
                b.append(DECISIVE).append('\n').append("\tat com.example.Cache.put(Cache.java:42)\n");
                placed = true;
            }
            i++;
        }
        return b.toString();
    }

    @Test
    void theOnlyOutOfMemoryErrorInTheMiddleIsFound() {
        List<TextFinding> found = new TextEvidenceReader().read(log(6));
        assertTrue(found.stream().anyMatch(f -> f.key().equals("runtime-out-of-memory")
                && f.quote().contains("OutOfMemoryError")), found.toString());
    }

    @Test
    void aStreamIsReadTheSameWay() {
        List<TextFinding> found = new TextEvidenceReader().read(new StringReader(log(2)));
        assertTrue(found.stream().anyMatch(f -> f.key().equals("runtime-out-of-memory")), found.toString());
    }

    @Test
    void timeIsLinearInTheInput() {
        TextEvidenceReader reader = new TextEvidenceReader();
        String small = log(2);
        String large = log(8);
        reader.read(small); // warm up
        reader.read(large);
        long smallNanos = best(reader, small);
        long largeNanos = best(reader, large);
        double ratio = (double) largeNanos / smallNanos;
        // four times the input: linear is ~4, quadratic would be ~16; generous bound for noisy machines
        assertTrue(ratio < 8.0, "8 MB took " + ratio + " times as long as 2 MB");
    }

    @Test
    void oneHugeLineIsBounded() {
        String line = "x".repeat(3_000_000) + " connection refused";
        long start = System.nanoTime();
        new TextEvidenceReader().read(line);
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    private static long best(TextEvidenceReader reader, String text) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            reader.read(text);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
