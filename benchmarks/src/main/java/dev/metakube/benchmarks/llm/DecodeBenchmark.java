package dev.metakube.benchmarks.llm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.llm.generate.Sampler;
import dev.metakube.llm.generate.SamplingParams;
import dev.metakube.llm.qwen3.KvCache;
import dev.metakube.llm.qwen3.Qwen3Config;
import dev.metakube.llm.qwen3.Qwen3Model;
import java.util.Locale;
import java.util.Random;

/**
 * Decode and prefill speed of the DJL Qwen3 decoder for a random model of Qwen3-0.6B's shape, against the memory
 * bandwidth floor measured in the same run: a decoded token must read every weight once, so
 * {@code weight bytes per token ÷ copy bandwidth} is the shortest possible time per token. Also counts the native
 * operations (JNI calls) per decoded token.
 *
 * <p>Run: {@code java -Dai.djl.pytorch.num_threads=1 -cp ... dev.metakube.benchmarks.llm.DecodeBenchmark
 * [prompt tokens] [decoded tokens]} (defaults 128 and 32). Prints a Markdown table.
 */
public final class DecodeBenchmark {
    /** Qwen3-0.6B: 28 layers, 1024 wide, 16/8 heads of 128, SwiGLU 3072, tied head over 151,936 ids. */
    static final Qwen3Config QWEN3_0_6B = new Qwen3Config(1024, 28, 16, 8, 128, 3072, 151_936, 1_000_000, 1e-6, true,
            40_960);

    private DecodeBenchmark() {
    }

    /**
     * Copy bandwidth in the STREAM convention (bytes read plus bytes written, per second) of
     * {@code System.arraycopy} into a preallocated, already touched destination, best of several runs.
     */
    static double copyBandwidth() {
        int floats = 64 << 20; // 256 MiB
        float[] a = new float[floats];
        float[] b = new float[floats];
        java.util.Arrays.fill(a, 1f);
        java.util.Arrays.fill(b, 0f);
        double best = 0;
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            long t1 = System.nanoTime();
            best = Math.max(best, 2.0 * floats * 4 / ((t1 - t0) / 1e9));
        }
        if (b[floats - 1] != 1f) {
            throw new IllegalStateException("copy failed");
        }
        return best;
    }

    /** Bytes read per second by a reduction over 256 MiB (libtorch sum), best of several runs. */
    static double readBandwidth(NDManager manager) {
        long floats = 64L << 20;
        double best = 0;
        try (NDManager m = manager.newSubManager()) {
            NDArray src = m.ones(new Shape(floats), DataType.FLOAT32);
            for (int i = 0; i < 6; i++) {
                long t0 = System.nanoTime();
                float s = src.sum().getFloat();
                long t1 = System.nanoTime();
                if (s != floats) {
                    throw new IllegalStateException("sum " + s);
                }
                best = Math.max(best, floats * 4.0 / ((t1 - t0) / 1e9));
            }
        }
        return best;
    }

    public static void main(String[] args) {
        DjlPrivacy.apply();
        int promptTokens = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int decodeTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Engine engine = Engine.getEngine("PyTorch");
        double copy = copyBandwidth();
        double read;
        try (NDManager m = engine.newBaseManager()) {
            read = readBandwidth(m);
        }
        Random r = new Random(1);
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = r.nextInt(151_000);
        }
        try (Qwen3Model model = Qwen3Model.random(QWEN3_0_6B, Device.cpu(), DataType.FLOAT32, 4096, 7)) {
            long bytes = model.weightBytesPerToken();
            // warm-up: one short prefill and a few decode steps
            try (KvCache c = model.newCache(64)) {
                float[] l = model.forward(new int[] {1, 2, 3, 4}, c, Qwen3Model.Output.LAST_LOGITS);
                for (int i = 0; i < 3; i++) {
                    l = model.forward(new int[] {argmax(l)}, c, Qwen3Model.Output.LAST_LOGITS);
                }
            }
            Sampler greedy = new Sampler(SamplingParams.GREEDY);
            try (KvCache cache = model.newCache(promptTokens + decodeTokens + 1)) {
                long t0 = System.nanoTime();
                float[] logits = model.forward(prompt, cache, Qwen3Model.Output.LAST_LOGITS);
                long t1 = System.nanoTime();
                long ops0 = model.operations();
                long[] perToken = new long[decodeTokens];
                for (int i = 0; i < decodeTokens; i++) {
                    long s = System.nanoTime();
                    int next = greedy.sample(logits, null);
                    logits = model.forward(new int[] {next}, cache, Qwen3Model.Output.LAST_LOGITS);
                    perToken[i] = System.nanoTime() - s;
                }
                long t2 = System.nanoTime();
                // bandwidth again after decoding: other load on the machine varies, the floor takes the best seen
                try (NDManager m = engine.newBaseManager()) {
                    read = Math.max(read, readBandwidth(m));
                }
                copy = Math.max(copy, copyBandwidth());
                double opsPerToken = (model.operations() - ops0) / (double) decodeTokens;
                java.util.Arrays.sort(perToken);
                double decodeSec = (t2 - t1) / 1e9;
                double decodeRate = decodeTokens / decodeSec;
                double prefillRate = promptTokens / ((t1 - t0) / 1e9);
                double bandwidth = Math.max(read, copy);
                double floorSec = bytes / bandwidth;
                double floorRate = 1 / floorSec;
                String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
                System.out.printf(Locale.ROOT, "| quantity | value |%n| --- | --- |%n");
                System.out.printf(Locale.ROOT, "| model | random Qwen3-0.6B shape, fp32, %,d parameters |%n",
                        QWEN3_0_6B.parameters());
                System.out.printf(Locale.ROOT, "| weight bytes read per token | %.3f GB |%n", bytes / 1e9);
                System.out.printf(Locale.ROOT, "| copy bandwidth (read + write), JVM arraycopy | %.2f GB/s |%n",
                        copy / 1e9);
                System.out.printf(Locale.ROOT, "| read bandwidth, libtorch sum | %.2f GB/s |%n", read / 1e9);
                System.out.printf(Locale.ROOT, "| bandwidth floor (bytes / best bandwidth above) | %.1f ms/token = %.2f"
                        + " tok/s |%n", floorSec * 1e3, floorRate);
                System.out.printf(Locale.ROOT, "| decode, %d tokens after a %d-token prompt | %.1f ms/token (median"
                        + " %.1f) = %.2f tok/s |%n", decodeTokens, promptTokens, decodeSec * 1e3 / decodeTokens,
                        perToken[decodeTokens / 2] / 1e6, decodeRate);
                System.out.printf(Locale.ROOT, "| decode as a share of the floor | %.0f%% |%n",
                        100 * decodeRate / floorRate);
                System.out.printf(Locale.ROOT, "| prefill, %d tokens | %.1f tok/s |%n", promptTokens, prefillRate);
                System.out.printf(Locale.ROOT, "| native ops (JNI calls) per decoded token | %.0f (%.1f per layer) |%n",
                        opsPerToken, opsPerToken / QWEN3_0_6B.layers());
                double[] overhead = overheadPerOp();
                System.out.printf(Locale.ROOT, "| overhead probe: 28 layers of width 64 | %.2f ms/token, %.0f ops ="
                        + " %.1f µs per native op |%n", overhead[0], overhead[1], overhead[2]);
                System.out.printf(Locale.ROOT, "| PyTorch threads | %s |%n", threads);
            }
        }
    }

    /**
     * Host cost of one native operation: the same 28-layer graph with negligible arithmetic (width 64, 1,024 ids),
     * so the time per token is almost all per-call overhead (JNI, dispatch, allocation).
     */
    static double[] overheadPerOp() {
        Qwen3Config thin = new Qwen3Config(64, QWEN3_0_6B.layers(), 4, 2, 16, 128, 1024, 1_000_000, 1e-6, true, 4096);
        try (Qwen3Model m = Qwen3Model.random(thin, Device.cpu(), DataType.FLOAT32, 512, 3);
             KvCache c = m.newCache(300)) {
            float[] l = m.forward(new int[] {1, 2, 3, 4}, c, Qwen3Model.Output.LAST_LOGITS);
            for (int i = 0; i < 20; i++) {
                l = m.forward(new int[] {argmax(l)}, c, Qwen3Model.Output.LAST_LOGITS);
            }
            long ops0 = m.operations();
            int n = 200;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                l = m.forward(new int[] {argmax(l)}, c, Qwen3Model.Output.LAST_LOGITS);
            }
            long t1 = System.nanoTime();
            double opsPerToken = (m.operations() - ops0) / (double) n;
            double msPerToken = (t1 - t0) / 1e6 / n;
            return new double[] {msPerToken, opsPerToken, msPerToken * 1e3 / opsPerToken};
        }
    }

    private static int argmax(float[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        return best;
    }
}
