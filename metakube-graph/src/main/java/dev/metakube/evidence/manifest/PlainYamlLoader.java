package dev.metakube.evidence.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads the documents of a YAML text straight from SnakeYAML's parser events into the maps, lists and scalars
 * that SnakeYAML's {@link SafeConstructor} makes of them, without its node graph: the same scanner and parser,
 * the same resolver, the same scalar constructors and the same collection types, at about half the cost.
 *
 * <p>It reads the YAML that manifests are written in: untagged scalars, sequences and mappings with scalar keys.
 * Anything else (an anchor or alias, an explicit tag, a merge key, a repeated key, a complex key, nesting near
 * the limit) and any error make it give up with {@link Unsupported}; the caller then loads the text with SnakeYAML
 * itself, which applies its own rules and limits and says what is wrong in its own words. So its result, when
 * there is one, is what SnakeYAML would have returned. Not thread-safe: one per parse.
 */
final class PlainYamlLoader extends SafeConstructor {
    /** The text holds YAML this loader does not read; load it with SnakeYAML. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final LoaderOptions options;
    private final Resolver resolver;
    private final int maxDepth;

    /** A loader with the options and resolver of the SnakeYAML loader it stands in for. */
    PlainYamlLoader(LoaderOptions options, Resolver resolver, int maxDepth) {
        super(options);
        this.options = options;
        this.resolver = resolver;
        this.maxDepth = maxDepth;
    }

    /** The documents of {@code text}, in order (a document may be null). */
    List<Object> loadAll(String text) {
        Parser parser = new ParserImpl(new StreamReader(text), options);
        List<Object> docs = new ArrayList<>();
        expect(parser.getEvent(), Event.ID.StreamStart);
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            expect(parser.getEvent(), Event.ID.DocumentStart);
            docs.add(node(parser, 1));
            expect(parser.getEvent(), Event.ID.DocumentEnd);
        }
        return docs;
    }

    private static void expect(Event e, Event.ID id) {
        if (e.getEventId() != id) {
            throw new Unsupported("unexpected " + e.getEventId());
        }
    }

    private Object node(Parser parser, int depth) {
        if (depth > maxDepth) {
            throw new Unsupported("deep");
        }
        Event e = parser.getEvent();
        switch (e.getEventId()) {
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) e;
                if (s.getAnchor() != null || s.getTag() != null) {
                    throw new Unsupported("tagged or anchored scalar");
                }
                Tag tag = resolver.resolve(NodeId.scalar, s.getValue(), s.getImplicit().canOmitTagInPlainScalar());
                return scalar(tag, s.getValue());
            }
            case SequenceStart -> {
                plain((CollectionStartEvent) e);
                List<Object> out = new ArrayList<>();
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    out.add(node(parser, depth + 1));
                }
                parser.getEvent();
                return out;
            }
            case MappingStart -> {
                plain((CollectionStartEvent) e);
                Map<Object, Object> out = new LinkedHashMap<>();
                while (!parser.checkEvent(Event.ID.MappingEnd)) {
                    if (!parser.checkEvent(Event.ID.Scalar)) {
                        throw new Unsupported("complex key");
                    }
                    Object key = node(parser, depth + 1);
                    Object value = node(parser, depth + 1);
                    if (out.containsKey(key)) {
                        throw new Unsupported("repeated key");
                    }
                    out.put(key, value);
                }
                parser.getEvent();
                return out;
            }
            default -> throw new Unsupported(String.valueOf(e.getEventId()));
        }
    }

    private static void plain(CollectionStartEvent e) {
        if (e.getAnchor() != null || e.getTag() != null) {
            throw new Unsupported("tagged or anchored collection");
        }
    }

    /** The scalar as SafeConstructor makes it: strings and nulls directly, numbers and booleans by its own code. */
    private Object scalar(Tag tag, String value) {
        if (tag == Tag.STR || Tag.STR.equals(tag)) {
            return value;
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return yamlConstructors.get(tag).construct(
                    new ScalarNode(tag, true, value, null, null, DumperOptions.ScalarStyle.PLAIN));
        }
        // merge keys and anything else the resolver may name
        throw new Unsupported("tag " + tag);
    }
}
