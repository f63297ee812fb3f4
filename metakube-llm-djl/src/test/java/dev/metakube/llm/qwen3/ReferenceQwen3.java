package dev.metakube.llm.qwen3;

import java.util.Map;

/** A scalar, double-precision Qwen3 forward pass written straight from modeling_qwen3.py, for checking the decoder. */
public final class ReferenceQwen3 {
    private final Qwen3Config c;
    private final Map<String, float[]> w;

    /** An unmerged LoRA module: {@code y = W x + scale·B(A x)}. */
    public record Lora(float[] a, float[] b, int rank, double scale) {
    }

    private final Map<String, Lora> lora;

    public ReferenceQwen3(Qwen3Config c, Map<String, float[]> w) {
        this(c, w, Map.of());
    }

    /** With LoRA modules by weight name ({@code "layers.0.self_attn.q_proj.weight"}), applied unmerged. */
    public ReferenceQwen3(Qwen3Config c, Map<String, float[]> w, Map<String, Lora> lora) {
        this.c = c;
        this.w = w;
        this.lora = lora;
    }

    private double[] linear(String name, double[] x, int rows) {
        double[] y = matVec(w.get(name), x, rows);
        Lora l = lora.get(name);
        if (l != null) {
            double[] ax = matVec(l.a(), x, l.rank());
            double[] bax = matVec(l.b(), ax, rows);
            for (int i = 0; i < rows; i++) {
                y[i] += l.scale() * bax[i];
            }
        }
        return y;
    }

    /** Logits {@code [tokens][vocab]} of a full causal pass. */
    public double[][] logits(int[] tokens) {
        int n = tokens.length;
        int h = c.hiddenSize();
        int hd = c.headDim();
        double[][] x = new double[n][h];
        float[] emb = w.get("embed_tokens.weight");
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = emb[tokens[t] * h + i];
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "layers." + l + ".";
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] hn = norm(x[t], w.get(p + "input_layernorm.weight"));
                q[t] = linear(p + "self_attn.q_proj.weight", hn, c.qDim());
                k[t] = linear(p + "self_attn.k_proj.weight", hn, c.kvDim());
                v[t] = linear(p + "self_attn.v_proj.weight", hn, c.kvDim());
                headNormRope(q[t], c.heads(), w.get(p + "self_attn.q_norm.weight"), t);
                headNormRope(k[t], c.kvHeads(), w.get(p + "self_attn.k_norm.weight"), t);
            }
            for (int t = 0; t < n; t++) {
                double[] att = new double[c.qDim()];
                for (int head = 0; head < c.heads(); head++) {
                    int kvh = head / c.groups();
                    double[] s = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= t; j++) {
                        double d = 0;
                        for (int i = 0; i < hd; i++) {
                            d += q[t][head * hd + i] * k[j][kvh * hd + i];
                        }
                        s[j] = d / Math.sqrt(hd);
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= t; j++) {
                        s[j] = Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int j = 0; j <= t; j++) {
                        for (int i = 0; i < hd; i++) {
                            att[head * hd + i] += s[j] / sum * v[j][kvh * hd + i];
                        }
                    }
                }
                double[] o = linear(p + "self_attn.o_proj.weight", att, h);
                for (int i = 0; i < h; i++) {
                    x[t][i] += o[i];
                }
                double[] hn = norm(x[t], w.get(p + "post_attention_layernorm.weight"));
                double[] g = linear(p + "mlp.gate_proj.weight", hn, c.intermediateSize());
                double[] u = linear(p + "mlp.up_proj.weight", hn, c.intermediateSize());
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] / (1 + Math.exp(-g[i])) * u[i];
                }
                double[] d = linear(p + "mlp.down_proj.weight", g, h);
                for (int i = 0; i < h; i++) {
                    x[t][i] += d[i];
                }
            }
        }
        float[] head = c.tieWordEmbeddings() ? w.get("embed_tokens.weight") : w.get("lm_head.weight");
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = matVec(head, norm(x[t], w.get("norm.weight")), c.vocabSize());
        }
        return out;
    }


    private double[] norm(double[] x, float[] weight) {
        double ms = 0;
        for (double v : x) {
            ms += v * v;
        }
        double inv = 1 / Math.sqrt(ms / x.length + c.rmsNormEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * inv * weight[i];
        }
        return out;
    }

    private void headNormRope(double[] x, int heads, float[] weight, int pos) {
        int hd = c.headDim();
        int half = hd / 2;
        for (int head = 0; head < heads; head++) {
            double[] part = new double[hd];
            System.arraycopy(x, head * hd, part, 0, hd);
            part = norm(part, weight);
            double[] r = new double[hd];
            for (int i = 0; i < hd; i++) {
                int f = i % half;
                double angle = pos * Math.pow(c.ropeTheta(), -(2.0 * f) / hd);
                double rot = i < half ? -part[i + half] : part[i - half];
                r[i] = part[i] * Math.cos(angle) + rot * Math.sin(angle);
            }
            System.arraycopy(r, 0, x, head * hd, hd);
        }
    }

    private static double[] matVec(float[] m, double[] x, int rows) {
        int cols = x.length;
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int base = r * cols;
            for (int i = 0; i < cols; i++) {
                s += m[base + i] * x[i];
            }
            y[r] = s;
        }
        return y;
    }
}
