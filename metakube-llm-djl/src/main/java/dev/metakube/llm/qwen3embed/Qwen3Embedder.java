package dev.metakube.llm.qwen3embed;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.llm.qwen3.Checkpoint;
import dev.metakube.llm.qwen3.KvCache;
import dev.metakube.llm.qwen3.Qwen3Model;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import dev.metakube.spi.Embedder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Qwen3-Embedding on the Qwen3 decoder: the final-normed hidden state of the last token ({@code <|endoftext|>},
 * appended to every input) is the embedding, L2-normalised. Queries are formatted
 * {@code Instruct: {task}\nQuery:{query}}; documents are embedded as they are. Inputs longer than the token limit
 * keep their beginning. Calls are serialized.
 */
public final class Qwen3Embedder implements Embedder {
    /** The default task description for queries. */
    public static final String DEFAULT_TASK = "Given a Kubernetes incident, retrieve past incidents with the same root"
            + " cause";

    private final Qwen3Model model;
    private final Qwen3Tokenizer tokenizer;
    private final String modelId;
    private final String task;
    private final int maxTokens;

    private Qwen3Embedder(Qwen3Model model, Qwen3Tokenizer tokenizer, String modelId, String task, int maxTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.modelId = modelId;
        this.task = task;
        this.maxTokens = maxTokens;
    }

    /**
     * Loads a Qwen3-Embedding checkpoint.
     *
     * @param dir       the checkpoint directory
     * @param task      the query instruction's task
     * @param maxTokens the longest input, in tokens
     */
    public static Qwen3Embedder open(Path dir, String task, int maxTokens) {
        DjlPrivacy.apply();
        Qwen3Tokenizer tokenizer = Qwen3Tokenizer.forModel(dir);
        try (Checkpoint ck = Checkpoint.open(dir)) {
            Qwen3Model m = Qwen3Model.load(ck, null, Device.cpu(), DataType.FLOAT32, maxTokens + 1);
            return new Qwen3Embedder(m, tokenizer, "qwen3-embedding:" + dir.getFileName() + ":" + ck.config().hiddenSize(),
                    task, maxTokens);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public String model() {
        return modelId;
    }

    @Override
    public int dimension() {
        return model.config().hiddenSize();
    }

    @Override
    public float[] embed(String text) {
        return vector(text == null ? "" : text);
    }

    @Override
    public float[] embedQuery(String text) {
        return vector("Instruct: " + task + "\nQuery:" + (text == null ? "" : text));
    }

    /** The token ids embedded for {@code text}: its tokens, cut to the limit, then {@code <|endoftext|>}. */
    int[] ids(String text) {
        int[] ids = tokenizer.encode(text);
        int n = Math.min(ids.length, model.maxContext() - 1);
        n = Math.min(n, maxTokens);
        int[] out = Arrays.copyOf(ids, n + 1);
        out[n] = Qwen3Tokenizer.END_OF_TEXT;
        return out;
    }

    private synchronized float[] vector(String text) {
        int[] ids = ids(text);
        float[] h;
        try (KvCache cache = model.newCache(ids.length)) {
            h = model.forward(ids, cache, Qwen3Model.Output.LAST_HIDDEN);
        }
        double norm = 0;
        for (float x : h) {
            norm += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-24)));
        for (int i = 0; i < h.length; i++) {
            h[i] *= inv;
        }
        return h;
    }

    @Override
    public synchronized void close() {
        model.close();
        tokenizer.close();
    }
}
