package dev.metakube.evidence.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The event loader returns exactly what SnakeYAML returns (same values, same Java types, same key order), or
 * gives the text back to SnakeYAML; the resolver's shortcut names the same tags as SnakeYAML's patterns.
 */
class PlainYamlLoaderTest {
    private static List<Object> snakeYaml(String text) {
        List<Object> out = new ArrayList<>();
        for (Object doc : ManifestParser.yaml(ManifestParser.options(text.length())).loadAll(text)) {
            out.add(doc);
        }
        return out;
    }

    private static List<Object> plain(String text) {
        return new PlainYamlLoader(ManifestParser.options(text.length()), ManifestParser.RESOLVER,
                ManifestParser.MAX_DEPTH - 10).loadAll(text);
    }

    /** Same values, and the same classes all the way down (an Integer is not a Long, a String not a Boolean). */
    private static void assertSame(String text) {
        List<Object> expected = snakeYaml(text);
        List<Object> actual = plain(text);
        assertEquals(expected, actual, text);
        assertEquals(shape(expected), shape(actual), text);
    }

    private static String shape(Object o) {
        if (o instanceof java.util.Map<?, ?> m) {
            StringBuilder b = new StringBuilder(o.getClass().getSimpleName()).append('{');
            m.forEach((k, v) -> b.append(shape(k)).append('=').append(shape(v)).append(','));
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder(o.getClass().getSimpleName()).append('[');
            l.forEach(v -> b.append(shape(v)).append(','));
            return b.append(']').toString();
        }
        return o == null ? "null" : o.getClass().getSimpleName() + ":" + o;
    }

    @Test
    void manifestsLoadAsSnakeYamlLoadsThem() {
        assertSame(ManifestParserTest.DEPLOYMENT + "---\n" + ManifestParserTest.SERVICE);
        assertSame("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  labels: {app: web, tier: "front", version: '2'}
                data:
                  script: |
                    #!/bin/sh
                    echo "hello"
                  folded: >
                    one
                    two
                  empty:
                  tilde: ~
                  nulls: [null, Null, NULL, ~, ]
                  bools: [yes, No, ON, off, True, FALSE, y, n, Y, N, yes please]
                  ints: [0, 7, -3, +4, 0755, 0x1F, 0b101, 1_000, 1:30, 12345678901, 123456789012345678901234567890]
                  floats: [1.5, -0.25, 1e3, .inf, -.Inf, .NaN, 6.8523015e+5, 190:20:30.15, 1_000.5]
                  strings: ["<<", '1', "yes", 1.2.3, v1, 08, 09, 1Gi, 250m, -, +, ., ~x, n/a, 2026-01-02T03:04:05Z]
                  1: integer key
                  true: boolean key
                  ~: null key
                ---
                # a comment only
                ---
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: a, annotations: {"a/b": "c: d", e: "multi
                    line"}}
                """);
    }

    @Test
    void whatItDoesNotReadGoesBackToSnakeYaml() {
        for (String text : List.of(
                "a: &x {b: 1}\nc: *x\n",                 // anchor and alias
                "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n", // merge key
                "a: !!str 1\n",                          // explicit tag
                "a: ! 1\n",                              // non-specific tag
                "a: !custom x\n",                        // unknown tag
                "!!set {a, b}\n",                        // tagged collection
                "a: 1\na: 2\n",                          // repeated key (SnakeYAML keeps the last, moved)
                "? [a, b]\n: c\n",                       // complex key
                "a: [1, 2\n",                            // syntax error
                "a: b: c\n",                             // syntax error
                "a: 'unclosed\n",                        // syntax error
                "[".repeat(80) + "]".repeat(80))) {      // deep nesting
            assertThrows(RuntimeException.class, () -> plain(text), text);
        }
    }

    @Test
    void randomMutationsLoadTheSameOrGoBack() {
        String base = ManifestParserTest.DEPLOYMENT + "---\n" + ManifestParserTest.SERVICE;
        String alphabet = " :-{}[],'\"\n#&*!|>?%@`~yn01.x<";
        Random random = new Random(7);
        int same = 0;
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder(base);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                int at = random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> b.insert(at, c);
                    case 1 -> b.setCharAt(at, c);
                    default -> b.deleteCharAt(at);
                }
            }
            String text = b.toString();
            List<Object> actual;
            try {
                actual = plain(text);
            } catch (RuntimeException e) {
                continue; // SnakeYAML reads it: whatever it says is what the parser uses
            }
            List<Object> expected;
            try {
                expected = snakeYaml(text);
            } catch (RuntimeException e) {
                fail("SnakeYAML refuses what the event loader read: " + e.getMessage() + "\n" + text);
                return;
            }
            assertEquals(shape(expected), shape(actual), text);
            same++;
        }
        // most mutations still read: the comparison above ran on many texts
        assertEquals(true, same > 500, "only " + same + " mutated texts were read");
    }

    @Test
    void theResolverShortcutNamesTheTagsThePatternsName() {
        Resolver reference = new ManifestParser.PlainResolver(false);
        Resolver ours = ManifestParser.RESOLVER;
        List<String> values = new ArrayList<>(List.of("yes", "Yes", "YES", "yEs", "no", "No", "NO", "nO", "true",
                "True", "TRUE", "tRue", "false", "False", "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF",
                "null", "Null", "NULL", "nULL", "~", "", " ", "<<", "<", "-", "+", ".", ".inf", "-.inf", ".NaN",
                "-1", "+1", "name", "namespace", "node", "y", "n", "Y", "N", "o", "t", "f", "yes ", " yes",
                "yes\n", "nullable", "offset", "onion", "tr", "\0", "\0x", "-0x1F", "+.5", ".5", "x:1", "-:", "~~", "null ", "\0null"));
        for (char c = 1; c < 128; c++) {
            values.add(String.valueOf(c));
            values.add(c + "es");
            values.add(c + "ull");
            values.add(c + "1");
            values.add(c + "0x1F");
            values.add(c + ".5");
            values.add(c + "<");
        }
        // numbers, quantities and versions: random texts over the characters numbers are written with, and some
        Random random = new Random(11);
        String chars = "0123456789_.:+-eExXbBoOaAfFgGmMiIkKn~ <";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                b.append(chars.charAt(random.nextInt(random.nextBoolean() ? 12 : chars.length())));
            }
            values.add(b.toString());
            values.add(random.nextInt(10) + b.toString());
        }
        values.addAll(List.of("128Mi", "250m", "1.5Gi", "1e3", "1E3", "0x1F", "0b101", "0755", "0789", "1:30",
                "190:20:30.15", "1_000", "1.27", "1.27-alpine", "3.0.1", "2026-01-02", "2026-01-02T03:04:05Z"));
        for (String v : values) {
            for (boolean implicit : new boolean[] {true, false}) {
                assertEquals(reference.resolve(NodeId.scalar, v, implicit), ours.resolve(NodeId.scalar, v, implicit),
                        "'" + v + "' implicit=" + implicit);
            }
        }
        assertEquals(reference.resolve(NodeId.mapping, null, true), ours.resolve(NodeId.mapping, null, true));
        assertEquals(reference.resolve(NodeId.sequence, null, true), ours.resolve(NodeId.sequence, null, true));
    }

    @Test
    void theParserLoadsWhatItLoadedBefore() {
        // the parser falls back to SnakeYAML for what the event loader leaves: both routes give the same objects
        ManifestParser parser = new ManifestParser();
        String anchored = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: &l {app: web}}
                spec:
                  selector: {matchLabels: *l}
                  template: {metadata: {labels: *l}, spec: {containers: [{name: web, image: nginx}]}}
                """;
        ManifestSet set = parser.parse(anchored + "---\n" + ManifestParserTest.SERVICE);
        assertEquals(List.of(), set.notes());
        assertEquals(2, set.objects().size());
        assertEquals(java.util.Map.of("app", "web"), set.workloads().get(0).labels());
        LoaderOptions o = ManifestParser.options(10);
        assertEquals(ManifestParser.MAX_DEPTH, o.getNestingDepthLimit());
    }
}
