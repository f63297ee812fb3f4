package dev.metakube.llm.diagnose;

import dev.metakube.api.Category;
import dev.metakube.llm.generate.Cancellation;
import dev.metakube.llm.generate.Decoding;
import dev.metakube.llm.tokenizer.Qwen3Tokenizer;
import dev.metakube.spi.TextCompletion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Schema-constrained decoding of the diagnosis JSON. The structure (braces, keys, commas, quotes around values) is
 * forced and fed to the model in one pass per literal; the model chooses only what the schema leaves open: the
 * category among the six labels, whether an array goes on, string contents from tokens that cannot break out of a
 * JSON string (printable ASCII without quote or backslash), string ends, and the confidence among two-decimal
 * numbers. The output therefore always parses and always has every field; lengths are capped. The same machinery
 * decodes the integer objects of {@link TextCompletion.IntegerObject} ({@link #integers}).
 *
 * <p>The schema:
 * <pre>{"category": one of the six labels, "root_cause": string (1..300 chars),
 *  "causal_chain": [string], "remediation": [{"action": string, "command": string}],
 *  "prevention": [string], "hypotheses": [{"category": label, "root_cause": string, "score": number}],
 *  "confidence": number in [0, 1]}</pre>
 */
final class JsonDecoder {
    /** Longest content token, in bytes: a string closes when fewer characters than this remain. */
    static final int MAX_TOKEN_BYTES = 16;

    /**
     * Limits of one decoding.
     *
     * @param chainSteps     most causal chain steps
     * @param remediations   most remediation steps
     * @param preventions    most prevention items
     * @param hypotheses     most hypotheses
     * @param textChars      longest string, in characters, except the root cause (300) and commands
     */
    record Limits(int chainSteps, int remediations, int preventions, int hypotheses, int textChars) {
    }

    private final Qwen3Tokenizer tokenizer;
    private final int[] content;
    private final int[] firstContent;
    private final int quote;
    private final Map<String, int[]> literals = new HashMap<>();
    private final TokenTrie categories;
    private final TokenTrie numbers;

    JsonDecoder(Qwen3Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        List<Integer> safe = new ArrayList<>();
        List<Integer> first = new ArrayList<>();
        for (int id = 0; id < tokenizer.size(); id++) {
            if (tokenizer.isSpecial(id)) {
                continue;
            }
            byte[] b = tokenizer.bytes(id);
            if (b.length == 0 || b.length > MAX_TOKEN_BYTES || tokenizer.addedTokens().contains(
                    new String(b, java.nio.charset.StandardCharsets.UTF_8))) {
                continue;
            }
            boolean ok = true;
            boolean word = false;
            for (byte x : b) {
                int c = x & 0xFF;
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                    ok = false;
                    break;
                }
                word |= Character.isLetterOrDigit(c);
            }
            if (ok) {
                safe.add(id);
                if (word) {
                    first.add(id);
                }
            }
        }
        this.content = safe.stream().mapToInt(Integer::intValue).toArray();
        this.firstContent = first.stream().mapToInt(Integer::intValue).toArray();
        int[] q = tokenizer.encode("\"");
        if (q.length != 1) {
            throw new IllegalStateException("the tokenizer has no single token for '\"'");
        }
        this.quote = q[0];
        List<int[]> cats = new ArrayList<>();
        for (Category c : Category.values()) {
            cats.add(tokenizer.encode(c.label() + "\""));
        }
        this.categories = TokenTrie.of(cats);
        List<int[]> nums = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            nums.add(tokenizer.encode(String.format(java.util.Locale.ROOT, "%d.%02d", i / 100, i % 100)));
        }
        this.numbers = TokenTrie.of(nums);
    }

    /** The state of one decoding: the decoding, the text so far, the listener. */
    private final class Run {
        final Decoding decoding;
        final StringBuilder text = new StringBuilder();
        final Consumer<String> onText;
        final Cancellation cancellation;
        int generated;

        Run(Decoding decoding, Consumer<String> onText, Cancellation cancellation) {
            this.decoding = decoding;
            this.onText = onText;
            this.cancellation = cancellation;
        }

        void emit(String s) {
            text.append(s);
            if (onText != null) {
                onText.accept(s);
            }
        }

        void checkRoom(int tokens) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new DecodingStopped("cancelled");
            }
            if (decoding.length() + tokens >= decoding.capacity()) {
                throw new DecodingStopped("the context is full");
            }
        }

        /** Forces a literal: its tokens are fed together. */
        void literal(String s) {
            int[] ids = literals.computeIfAbsent(s, tokenizer::encode);
            checkRoom(ids.length);
            decoding.feed(ids);
            emit(s);
        }

        /** Lets the model choose among options; returns the option's index. */
        int choose(TokenTrie trie, List<String> texts) {
            TokenTrie node = trie;
            List<Integer> chosen = new ArrayList<>();
            while (node.option() < 0) {
                int[] allowed = node.allowed();
                checkRoom(1);
                int t = allowed.length == 1 ? allowed[0] : decoding.choose(allowed);
                chosen.add(t);
                node = node.next(t);
                List<Integer> rest = node.forcedSuffix();
                chosen.addAll(rest);
                for (int r : rest) {
                    node = node.next(r);
                }
                int[] feed = new int[1 + rest.size()];
                feed[0] = t;
                for (int i = 0; i < rest.size(); i++) {
                    feed[i + 1] = rest.get(i);
                }
                decoding.feed(feed);
                generated += feed.length;
            }
            emit(texts.get(node.option()));
            return node.option();
        }

        /** Lets the model write a string's content and its closing quote, at most {@code maxChars}. */
        void string(int maxChars, boolean nonBlank) {
            int written = 0;
            int[] withQuote = new int[content.length + 1];
            System.arraycopy(content, 0, withQuote, 0, content.length);
            withQuote[content.length] = quote;
            while (true) {
                checkRoom(1);
                int t;
                if (maxChars - written < MAX_TOKEN_BYTES) {
                    t = quote;
                } else if (written == 0 && nonBlank) {
                    t = decoding.choose(firstContent);
                } else {
                    t = decoding.choose(withQuote);
                }
                decoding.feed(t);
                generated++;
                if (t == quote) {
                    emit("\"");
                    return;
                }
                String piece = tokenizer.decode(new int[] {t}, true);
                written += piece.length();
                emit(piece);
            }
        }

        /** An array: the model decides whether another item follows, up to {@code max}. */
        void array(int max, String open, Runnable item) {
            literal("[");
            List<String> startOrEnd = List.of(open, "]");
            TokenTrie first = trie(startOrEnd);
            List<String> moreOrEnd = List.of(", " + open, "]");
            TokenTrie more = trie(moreOrEnd);
            if (max == 0) {
                literal("]");
                return;
            }
            int n = 0;
            if (choose(first, startOrEnd) == 1) {
                return;
            }
            while (true) {
                item.run();
                n++;
                if (n >= max) {
                    literal("]");
                    return;
                }
                if (choose(more, moreOrEnd) == 1) {
                    return;
                }
            }
        }
    }

    private final Map<List<String>, TokenTrie> tries = new HashMap<>();

    private synchronized TokenTrie trie(List<String> options) {
        return tries.computeIfAbsent(options, o -> {
            List<int[]> ids = new ArrayList<>();
            for (String s : o) {
                ids.add(tokenizer.encode(s));
            }
            return TokenTrie.of(ids);
        });
    }

    /** Thrown inside a decoding when it cannot go on; the caller reports it. */
    static final class DecodingStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecodingStopped(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<String> CATEGORY_TEXTS;
    private static final List<String> NUMBER_TEXTS;

    static {
        List<String> c = new ArrayList<>();
        for (Category x : Category.values()) {
            c.add(x.label() + "\"");
        }
        CATEGORY_TEXTS = List.copyOf(c);
        List<String> n = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            n.add(String.format(java.util.Locale.ROOT, "%d.%02d", i / 100, i % 100));
        }
        NUMBER_TEXTS = List.copyOf(n);
    }

    /**
     * Decodes one diagnosis JSON object after the prompt already fed to {@code decoding}.
     *
     * @return the JSON text and the number of tokens the model chose
     * @throws DecodingStopped when cancelled or out of context
     */
    Result decode(Decoding decoding, Limits limits, Consumer<String> onText, Cancellation cancellation) {
        Run r = new Run(decoding, onText, cancellation);
        r.literal("{\"category\": \"");
        r.choose(categories, CATEGORY_TEXTS);
        r.literal(", \"root_cause\": \"");
        r.string(300, true);
        r.literal(", \"causal_chain\": ");
        r.array(limits.chainSteps(), "\"", () -> r.string(limits.textChars(), true));
        r.literal(", \"remediation\": ");
        r.array(limits.remediations(), "{\"action\": \"", () -> {
            r.string(limits.textChars(), true);
            r.literal(", \"command\": \"");
            r.string(300, false);
            r.literal("}");
        });
        r.literal(", \"prevention\": ");
        r.array(limits.preventions(), "\"", () -> r.string(limits.textChars(), true));
        r.literal(", \"hypotheses\": ");
        r.array(limits.hypotheses(), "{\"category\": \"", () -> {
            r.choose(categories, CATEGORY_TEXTS);
            r.literal(", \"root_cause\": \"");
            r.string(300, true);
            r.literal(", \"score\": ");
            r.choose(numbers, NUMBER_TEXTS);
            r.literal("}");
        });
        r.literal(", \"confidence\": ");
        r.choose(numbers, NUMBER_TEXTS);
        r.literal("}");
        return new Result(r.text.toString(), r.generated);
    }

    /** The most values an integer field may range over: each is an option of the decoding's choice. */
    static final int MAX_INTEGER_VALUES = 10_001;

    /**
     * The longest decoding of an integer object, in tokens: its forced literals and, per field, the longest value
     * with its separator. A decoding opened with this much room after the prompt cannot run out of context.
     */
    int integerTokens(TextCompletion.IntegerObject format) {
        int n = 0;
        List<String> fields = format.fields();
        for (int i = 0; i < fields.size(); i++) {
            n += literals.computeIfAbsent(fieldLiteral(fields, i), tokenizer::encode).length;
            n += trie(integerOptions(format, i == fields.size() - 1)).depth();
        }
        return n;
    }

    /**
     * Decodes one JSON object of integer fields after the prompt already fed to {@code decoding}: the braces, keys,
     * colons and commas are forced, and the model chooses each value among the allowed integers (the value and its
     * separator are one option, so that {@code 1} cannot be cut off from {@code 10}). The text always parses and
     * has exactly the fields, in order, each in range.
     *
     * @throws DecodingStopped when cancelled or out of context
     * @throws dev.metakube.api.InvalidInputException when the range has more than {@link #MAX_INTEGER_VALUES} values
     */
    String integers(Decoding decoding, TextCompletion.IntegerObject format, Cancellation cancellation) {
        Run r = new Run(decoding, null, cancellation);
        List<String> fields = format.fields();
        for (int i = 0; i < fields.size(); i++) {
            boolean last = i == fields.size() - 1;
            r.literal(fieldLiteral(fields, i));
            List<String> options = integerOptions(format, last);
            r.choose(trie(options), options);
        }
        return r.text.toString();
    }

    /** What precedes field {@code i}: the opening brace for the first, a space after the previous comma otherwise. */
    private static String fieldLiteral(List<String> fields, int i) {
        return (i == 0 ? "{\"" : " \"") + fields.get(i) + "\": ";
    }

    /** Every allowed value with the separator that follows it: a comma, or the closing brace after the last field. */
    private static List<String> integerOptions(TextCompletion.IntegerObject format, boolean last) {
        long count = (long) format.max() - format.min() + 1;
        if (count > MAX_INTEGER_VALUES) {
            throw new dev.metakube.api.InvalidInputException("completion.format", "[" + format.min() + ", "
                    + format.max() + "] has " + count + " values; constrained decoding allows at most "
                    + MAX_INTEGER_VALUES);
        }
        String end = last ? "}" : ",";
        List<String> out = new ArrayList<>((int) count);
        for (long v = format.min(); v <= format.max(); v++) {
            out.add(v + end);
        }
        return out;
    }

    /**
     * A decoded object.
     *
     * @param json      the text
     * @param generated tokens chosen by the model (forced literals excluded)
     */
    record Result(String json, int generated) {
    }
}
