package dev.metakube.llm.qwen3;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.llm.DjlPrivacy;
import dev.metakube.llm.lora.LoraAdapter;
import dev.metakube.llm.safetensors.SafetensorsFile;
import dev.metakube.llm.safetensors.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Qwen3 decoder (modeling_qwen3.py) on DJL's PyTorch engine: RMSNorm, q/k per-head norms before RoPE,
 * grouped-query attention, SwiGLU, tied or untied output head. q/k/v and gate/up weights are fused into one matrix
 * each; the KV cache is preallocated and written in place; every forward pass runs in its own {@link NDScope} so
 * intermediate native memory is freed when it returns, and copies exactly one array to the host.
 *
 * <p>Compute types: f32 everywhere, or f16 matrix multiplications with the residual stream, norms, RoPE and softmax
 * kept in f32 (Qwen weights overflow pure f16). Not thread-safe: callers serialize.
 */
public final class Qwen3Model implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Qwen3Model.class);
    /** Floats converted per chunk while loading (64 MiB). */
    private static final int CHUNK_FLOATS = 16 << 20;

    /** What a forward pass returns. */
    public enum Output {
        /** logits of the last position, {@code [vocab]} */
        LAST_LOGITS,
        /** logits of every position, {@code [tokens × vocab]} */
        ALL_LOGITS,
        /** the final-normed hidden state of the last position, {@code [hidden]} */
        LAST_HIDDEN
    }

    private static final class Layer {
        NDArray qkv;
        NDArray o;
        NDArray gateUp;
        NDArray down;
        NDArray inNorm;
        NDArray postNorm;
        NDArray qNorm;
        NDArray kNorm;
    }

    private final Qwen3Config config;
    private final NDManager manager;
    private final DataType compute;
    private final Layer[] layers;
    private final NDArray embed;
    private final NDArray head;
    private final NDArray norm;
    private final NDArray cos;
    private final NDArray sin;
    private final int ropeLength;
    private long ops;

    private Qwen3Model(Qwen3Config config, NDManager manager, DataType compute, Layer[] layers, NDArray embed,
                       NDArray head, NDArray norm, int ropeLength) {
        this.config = config;
        this.manager = manager;
        this.compute = compute;
        this.layers = layers;
        this.embed = embed;
        this.head = head;
        this.norm = norm;
        this.ropeLength = ropeLength;
        NDArray[] tables = ropeTables(config, ropeLength, manager);
        this.cos = tables[0];
        this.sin = tables[1];
    }

    /**
     * Loads a checkpoint, merging an adapter when one is given, onto a device.
     *
     * @param checkpoint the checkpoint
     * @param adapter    a LoRA adapter to merge, or null
     * @param device     where to run
     * @param compute    {@link DataType#FLOAT32} or {@link DataType#FLOAT16}
     * @param maxContext the longest sequence to support, in tokens (RoPE tables are built up to it)
     */
    public static Qwen3Model load(Checkpoint checkpoint, LoraAdapter adapter, Device device, DataType compute,
                                  int maxContext) {
        DjlPrivacy.apply();
        if (compute != DataType.FLOAT32 && compute != DataType.FLOAT16) {
            throw new InvalidInputException("model.dtype", "compute type must be fp32 or fp16, was " + compute);
        }
        Qwen3Config c = checkpoint.config();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            Loader l = new Loader(checkpoint, adapter, manager, compute);
            Layer[] layers = new Layer[c.layers()];
            long h = c.hiddenSize();
            for (int i = 0; i < c.layers(); i++) {
                String p = "layers." + i + ".";
                Layer y = new Layer();
                y.qkv = l.fused(List.of(p + "self_attn.q_proj", p + "self_attn.k_proj", p + "self_attn.v_proj"),
                        new long[] {c.qDim(), c.kvDim(), c.kvDim()}, h);
                y.o = l.fused(List.of(p + "self_attn.o_proj"), new long[] {h}, c.qDim());
                y.gateUp = l.fused(List.of(p + "mlp.gate_proj", p + "mlp.up_proj"),
                        new long[] {c.intermediateSize(), c.intermediateSize()}, h);
                y.down = l.fused(List.of(p + "mlp.down_proj"), new long[] {h}, c.intermediateSize());
                y.inNorm = l.vector(p + "input_layernorm.weight", h);
                y.postNorm = l.vector(p + "post_attention_layernorm.weight", h);
                y.qNorm = l.vector(p + "self_attn.q_norm.weight", c.headDim());
                y.kNorm = l.vector(p + "self_attn.k_norm.weight", c.headDim());
                layers[i] = y;
            }
            NDArray embed = l.matrix("embed_tokens.weight", c.vocabSize(), h);
            NDArray head;
            if (c.tieWordEmbeddings()) {
                head = embed;
            } else {
                if (!checkpoint.has("lm_head.weight")) {
                    throw new InvalidInputException("model.dir", checkpoint.dir()
                            + " has tie_word_embeddings false but no lm_head.weight");
                }
                head = l.raw("lm_head.weight", c.vocabSize(), h);
            }
            NDArray norm = l.vector("norm.weight", h);
            if (adapter != null && l.merged != adapter.modules().size()) {
                throw new InvalidInputException("model.adapter", "the adapter adapts " + adapter.modules().size()
                        + " modules but only " + l.merged + " exist in this checkpoint");
            }
            int ropeLength = Math.min(maxContext, c.maxPositions());
            LOG.info("loaded Qwen3 {} layers, hidden {}, {} parameters, {} on {}{}", c.layers(), h, c.parameters(),
                    compute, device, adapter == null ? "" : ", " + l.merged + " LoRA modules merged");
            return new Qwen3Model(c, manager, compute, layers, embed, head, norm, ropeLength);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A model with random weights (normal, std 0.02; norms 1 ± 0.1) of the given shape, built on the device without
     * any file: for benchmarks of a shape whose weights are not at hand.
     */
    public static Qwen3Model random(Qwen3Config c, Device device, DataType compute, int maxContext, long seed) {
        DjlPrivacy.apply();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
            Function<Shape, NDArray> w = s -> manager.randomNormal(0f, 0.02f, s, DataType.FLOAT32).toType(compute, false);
            Function<Long, NDArray> n = len -> manager.randomNormal(1f, 0.1f, new Shape(len), DataType.FLOAT32);
            long h = c.hiddenSize();
            Layer[] layers = new Layer[c.layers()];
            for (int i = 0; i < layers.length; i++) {
                Layer y = new Layer();
                y.qkv = w.apply(new Shape(c.qDim() + 2L * c.kvDim(), h));
                y.o = w.apply(new Shape(h, c.qDim()));
                y.gateUp = w.apply(new Shape(2L * c.intermediateSize(), h));
                y.down = w.apply(new Shape(h, c.intermediateSize()));
                y.inNorm = n.apply(h);
                y.postNorm = n.apply(h);
                y.qNorm = n.apply((long) c.headDim());
                y.kNorm = n.apply((long) c.headDim());
                layers[i] = y;
            }
            NDArray embed = w.apply(new Shape(c.vocabSize(), h));
            NDArray head = c.tieWordEmbeddings() ? embed : w.apply(new Shape(c.vocabSize(), h));
            return new Qwen3Model(c, manager, compute, layers, embed, head, n.apply(h),
                    Math.min(maxContext, c.maxPositions()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Reads tensors from a checkpoint into device arrays, merging LoRA factors in f32 before the cast. */
    private static final class Loader {
        private final Checkpoint ckpt;
        private final LoraAdapter adapter;
        private final NDManager manager;
        private final DataType compute;
        private final ByteBuffer buffer;
        int merged;

        Loader(Checkpoint ckpt, LoraAdapter adapter, NDManager manager, DataType compute) {
            this.ckpt = ckpt;
            this.adapter = adapter;
            this.manager = manager;
            this.compute = compute;
            this.buffer = ByteBuffer.allocateDirect(CHUNK_FLOATS * 4).order(ByteOrder.nativeOrder());
        }

        /** An f32 device array of a stored tensor, read in row chunks through one reused direct buffer. */
        NDArray f32(String name, long rows, long cols) {
            TensorInfo t = ckpt.weight(name, rows, cols);
            SafetensorsFile f = ckpt.file(ckpt.stored(name));
            long perChunk = Math.max(1, CHUNK_FLOATS / cols);
            if (cols > CHUNK_FLOATS) {
                throw new InvalidInputException("model.dir", "tensor " + t + " has rows wider than the load buffer");
            }
            List<NDArray> parts = new ArrayList<>();
            try {
                for (long r = 0; r < rows; r += perChunk) {
                    long n = Math.min(perChunk, rows - r);
                    buffer.clear();
                    FloatBuffer fb = buffer.asFloatBuffer();
                    fb.limit((int) (n * cols));
                    f.readFloats(t, r * cols, fb);
                    ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
                    view.limit((int) (n * cols * 4));
                    NDArray tmp = manager.create(view, new Shape(n, cols), DataType.FLOAT32);
                    // the buffer is reused for the next chunk: the array must own a copy (toType to the same type aliases)
                    parts.add(tmp.duplicate());
                    tmp.close();
                }
                if (parts.size() == 1) {
                    return parts.remove(0);
                }
                return NDArrays.concat(new NDList(parts), 0);
            } finally {
                parts.forEach(NDArray::close);
            }
        }

        /** A stored 2-D weight, cast to the compute type. */
        NDArray raw(String name, long rows, long cols) {
            return cast(f32(name, rows, cols), name);
        }

        NDArray matrix(String name, long rows, long cols) {
            return raw(name, rows, cols);
        }

        /** A 1-D weight (a norm), kept in f32. */
        NDArray vector(String name, long len) {
            TensorInfo t = ckpt.weight(name, len);
            float[] v = ckpt.file(ckpt.stored(name)).readFloats(t.name());
            checkFinite(v, name);
            return manager.create(v);
        }

        /** Linear layers (adapter merged) stacked along the output dimension, in the compute type. */
        NDArray fused(List<String> modules, long[] outs, long in) {
            List<NDArray> parts = new ArrayList<>();
            try {
                for (int i = 0; i < modules.size(); i++) {
                    NDArray w = f32(modules.get(i) + ".weight", outs[i], in);
                    LoraAdapter.Factors f = adapter == null ? null : adapter.factors(modules.get(i));
                    if (f != null) {
                        w = merge(w, f, outs[i], in);
                    }
                    parts.add(w);
                }
                NDArray all = parts.size() == 1 ? parts.remove(0) : NDArrays.concat(new NDList(parts), 0);
                return cast(all, String.join("+", modules));
            } finally {
                parts.forEach(NDArray::close);
            }
        }

        private NDArray merge(NDArray w, LoraAdapter.Factors f, long out, long in) {
            long[] as = f.a().shape();
            long[] bs = f.b().shape();
            if (as[1] != in || bs[0] != out) {
                throw new InvalidInputException("model.adapter", "module " + f.module() + " has lora_A "
                        + as[0] + "x" + as[1] + " and lora_B " + bs[0] + "x" + bs[1] + " but the base weight is "
                        + out + "x" + in);
            }
            try (NDManager tmp = manager.newSubManager()) {
                NDArray a = tmp.create(adapter.floats(f.a()), new Shape(as[0], as[1]));
                NDArray b = tmp.create(adapter.floats(f.b()), new Shape(bs[0], bs[1]));
                NDArray delta = b.matMul(a).muli((float) f.scale());
                w.addi(delta);
            }
            merged++;
            return w;
        }

        private NDArray cast(NDArray w, String name) {
            if (compute == DataType.FLOAT32) {
                return w;
            }
            NDArray c = w.toType(compute, false);
            w.close();
            boolean bad = c.isNaN().any().getBoolean() || c.isInfinite().any().getBoolean();
            if (bad) {
                throw new StorageCorruptedException("weight " + name + " holds NaN or Inf after conversion to "
                        + compute + " (values beyond the f16 range?): use fp32");
            }
            return c;
        }

        private static void checkFinite(float[] v, String name) {
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new StorageCorruptedException("weight " + name + " holds NaN or Inf");
                }
            }
        }
    }

    private static NDArray[] ropeTables(Qwen3Config c, int length, NDManager manager) {
        int d = c.headDim();
        int half = d / 2;
        float[] cos = new float[length * d];
        float[] sin = new float[length * d];
        for (int i = 0; i < half; i++) {
            double inv = Math.pow(c.ropeTheta(), -(2.0 * i) / d);
            for (int p = 0; p < length; p++) {
                double a = p * inv;
                float cv = (float) Math.cos(a);
                float sv = (float) Math.sin(a);
                cos[p * d + i] = cv;
                cos[p * d + i + half] = cv;
                sin[p * d + i] = sv;
                sin[p * d + i + half] = sv;
            }
        }
        return new NDArray[] {manager.create(cos, new Shape(length, d)), manager.create(sin, new Shape(length, d))};
    }

    public Qwen3Config config() {
        return config;
    }

    /** The longest sequence a cache of this model may hold, in tokens. */
    public int maxContext() {
        return ropeLength;
    }

    /** The compute type of the matrix multiplications. */
    public DataType computeType() {
        return compute;
    }

    /** The device the weights live on. */
    public Device device() {
        return manager.getDevice();
    }

    /** Bytes of weights read per decoded token (every matrix once; the embedding row is negligible). */
    public long weightBytesPerToken() {
        long b = compute == DataType.FLOAT16 ? 2 : 4;
        long perLayer = layers[0].qkv.size() + layers[0].o.size() + layers[0].gateUp.size() + layers[0].down.size();
        return b * (perLayer * layers.length + head.size());
    }

    /** Native operations issued so far (each one JNI call into libtorch, plus one per host copy). */
    public long operations() {
        return ops;
    }

    /** Native arrays the model's long-lived manager holds (weights, tables, caches); constant across steps. */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** A new, empty KV cache for up to {@code capacity} tokens, freed by closing it. */
    public KvCache newCache(int capacity) {
        if (capacity > ropeLength) {
            throw new InvalidInputException("generation", "a cache of " + capacity + " tokens exceeds the context of "
                    + ropeLength);
        }
        return new KvCache(manager.newSubManager(), config, capacity);
    }

    private NDArray op(NDArray a) {
        ops++;
        return a;
    }

    /**
     * Runs {@code tokens} at positions {@code [cache.length(), cache.length() + tokens.length)}, appending their keys
     * and values to the cache.
     *
     * @return the requested output, copied to the host
     */
    public float[] forward(int[] tokens, KvCache cache, Output output) {
        int n = tokens.length;
        int start = cache.length();
        if (n == 0) {
            throw new IllegalArgumentException("no tokens");
        }
        if (start + n > cache.capacity()) {
            throw new InvalidInputException("generation", "sequence of " + (start + n)
                    + " tokens exceeds the cache capacity " + cache.capacity());
        }
        for (int t : tokens) {
            if (t < 0 || t >= config.vocabSize()) {
                throw new InvalidInputException("generation", "token id " + t + " outside the vocabulary");
            }
        }
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = tokens[i];
            }
            int hd = config.headDim();
            NDArray x = op(Embedding.embedding(op(step.create(ids)), embed, SparseFormat.DENSE).singletonOrThrow());
            if (compute != DataType.FLOAT32) {
                x = op(x.toType(DataType.FLOAT32, false));
            }
            NDIndex positions = new NDIndex().addSliceDim(start, start + n);
            NDArray c = op(op(cos.get(positions)).reshape(n, 1, hd));
            NDArray s = op(op(sin.get(positions)).reshape(n, 1, hd));
            int total = start + n;
            NDArray mask = null;
            if (n > 1) {
                float[] m = new float[n * total];
                for (int i = 0; i < n; i++) {
                    for (int j = start + i + 1; j < total; j++) {
                        m[i * total + j] = Float.NEGATIVE_INFINITY;
                    }
                }
                mask = op(step.create(m, new Shape(n, total)));
            }
            float scale = (float) (1 / Math.sqrt(hd));
            NDIndex upTo = new NDIndex().addAllDim().addSliceDim(0, total);
            NDIndex write = new NDIndex().addAllDim().addSliceDim(start, total);
            int g = config.groups();
            int nkv = config.kvHeads();
            for (int li = 0; li < layers.length; li++) {
                Layer y = layers[li];
                NDArray h = rmsNorm(x, y.inNorm);
                NDArray qkv = linear(h, y.qkv);
                NDList parts = qkv.split(new long[] {config.qDim(), config.qDim() + config.kvDim()}, 1);
                ops++;
                NDArray q = op(parts.get(0).reshape(n, config.heads(), hd));
                NDArray k = op(parts.get(1).reshape(n, nkv, hd));
                NDArray v = op(parts.get(2).reshape(n, nkv, hd));
                q = rope(rmsNorm(q, y.qNorm), c, s);
                k = rope(rmsNorm(k, y.kNorm), c, s);
                cache.keys[li].set(write, op(k.transpose(1, 0, 2)));
                cache.values[li].set(write, op(v.transpose(1, 0, 2)));
                ops += 2;
                NDArray keys = op(cache.keys[li].get(upTo));
                NDArray values = op(cache.values[li].get(upTo));
                // [n, heads, hd] -> [kv, g*n, hd]: query head j*g+r is served by kv head j
                NDArray qh = op(op(op(q.transpose(1, 0, 2)).reshape(nkv, (long) g * n, hd)).muli(scale));
                NDArray scores = op(qh.matMul(op(keys.transpose(0, 2, 1))));
                if (mask != null) {
                    scores = op(op(scores.reshape(nkv, g, n, total)).addi(mask));
                }
                NDArray probs = op(op(scores.softmax(-1)).reshape(nkv, (long) g * n, total));
                NDArray att = op(probs.matMul(values));
                att = op(op(op(att.reshape(config.heads(), n, hd)).transpose(1, 0, 2)).reshape(n, config.qDim()));
                x = op(x.add(linear(att, y.o)));
                NDArray h2 = rmsNorm(x, y.postNorm);
                NDArray gu = linear(h2, y.gateUp);
                NDList gateUp = gu.split(2, 1);
                ops++;
                NDArray gate = gateUp.get(0);
                NDArray act = op(op(gate.mul(op(Activation.sigmoid(gate)))).muli(gateUp.get(1)));
                x = op(x.add(linear(act, y.down)));
            }
            cache.advance(n);
            NDArray last = output == Output.ALL_LOGITS ? x : op(x.get(new NDIndex().addSliceDim(n - 1, n)));
            NDArray hidden = rmsNorm(last, norm);
            NDArray result = output == Output.LAST_HIDDEN ? hidden : linear(hidden, head);
            ops++;
            return result.toFloatArray();
        }
    }

    private NDArray linear(NDArray x, NDArray w) {
        if (compute == DataType.FLOAT32) {
            return op(Linear.linear(x, w).singletonOrThrow());
        }
        NDArray y = op(Linear.linear(op(x.toType(compute, false)), w).singletonOrThrow());
        return op(y.toType(DataType.FLOAT32, false));
    }

    /** RMSNorm over the last axis in f32: {@code x · (mean(x²) + ε)^−½ · w}. */
    private NDArray rmsNorm(NDArray x, NDArray w) {
        NDArray ms = op(op(op(x.mul(x)).mean(new int[] {x.getShape().dimension() - 1}, true)).addi((float) config.rmsNormEps()));
        return op(op(x.mul(op(ms.pow(-0.5f)))).muli(w));
    }

    /** Non-interleaved RoPE: {@code x·cos + rotate_half(x)·sin}, {@code rotate_half(x) = cat(−x2, x1)}. */
    private NDArray rope(NDArray x, NDArray c, NDArray s) {
        NDList halves = x.split(2, 2);
        ops++;
        NDArray rotated = op(NDArrays.concat(new NDList(op(halves.get(1).neg()), halves.get(0)), 2));
        return op(op(x.mul(c)).addi(op(rotated.muli(s))));
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Weight names and shapes of a Qwen3 checkpoint of this configuration (without the {@code model.} prefix). */
    public static Map<String, long[]> weightShapes(Qwen3Config c) {
        Map<String, long[]> m = new java.util.LinkedHashMap<>();
        long h = c.hiddenSize();
        m.put("embed_tokens.weight", new long[] {c.vocabSize(), h});
        for (int i = 0; i < c.layers(); i++) {
            String p = "layers." + i + ".";
            m.put(p + "input_layernorm.weight", new long[] {h});
            m.put(p + "self_attn.q_proj.weight", new long[] {c.qDim(), h});
            m.put(p + "self_attn.k_proj.weight", new long[] {c.kvDim(), h});
            m.put(p + "self_attn.v_proj.weight", new long[] {c.kvDim(), h});
            m.put(p + "self_attn.o_proj.weight", new long[] {h, c.qDim()});
            m.put(p + "self_attn.q_norm.weight", new long[] {c.headDim()});
            m.put(p + "self_attn.k_norm.weight", new long[] {c.headDim()});
            m.put(p + "post_attention_layernorm.weight", new long[] {h});
            m.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), h});
            m.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), h});
            m.put(p + "mlp.down_proj.weight", new long[] {h, c.intermediateSize()});
        }
        m.put("norm.weight", new long[] {h});
        return m;
    }
}
