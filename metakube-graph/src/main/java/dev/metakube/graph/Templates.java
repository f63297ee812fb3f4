package dev.metakube.graph;

import java.util.Locale;
import java.util.Map;

/**
 * Fills placeholders of cause texts with the objects named in the evidence. A hand-written scan, linear in the
 * template.
 * <ul>
 *   <li>{@code {pod}} becomes the name, or {@code <pod>} when the evidence names none (for commands);</li>
 *   <li>{@code {pod|words}} becomes the name or the words;</li>
 *   <li>when the words start with an article ({@code {pod|the pod}}), the noun after it names the object: the
 *       placeholder becomes "pod NAME" or "the pod", and a copy of the noun just before the placeholder is
 *       dropped, so "in pod {pod|the pod}" reads "in pod api-1" or "in the pod".</li>
 * </ul>
 */
final class Templates {
    private Templates() {
    }

    static String fill(String template, Map<String, String> objects) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close < 0 || close - i > 80) {
                b.append(c);
                i++;
                continue;
            }
            String inner = template.substring(i + 1, close);
            int bar = inner.indexOf('|');
            String key = bar < 0 ? inner : inner.substring(0, bar);
            if (!isKey(key)) {
                b.append(c);
                i++;
                continue;
            }
            String value = objects.get(key);
            if (bar < 0) {
                b.append(value != null ? value : "<" + key + ">");
            } else {
                String words = inner.substring(bar + 1);
                String noun = noun(words);
                if (noun == null) {
                    b.append(value != null ? value : words);
                } else {
                    boolean start = dropTrailingNoun(b, noun);
                    String text = value != null ? noun + " " + value : words;
                    b.append(start ? capitalize(text) : text);
                }
            }
            i = close + 1;
        }
        // an empty default can leave two spaces or a space before punctuation
        String out = b.toString();
        return out.contains("  ") || out.contains(" ,") ? out.replace("  ", " ").replace(" ,", ",") : out;
    }

    private static boolean isKey(String key) {
        if (key.length() < 2 || key.length() > 20) {
            return false;
        }
        for (int k = 0; k < key.length(); k++) {
            char ch = key.charAt(k);
            if (ch < 'a' || ch > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The noun after a leading article, or null. */
    private static String noun(String words) {
        for (String article : new String[] {"the ", "its ", "a "}) {
            if (words.startsWith(article) && words.length() > article.length()) {
                return words.substring(article.length());
            }
        }
        return null;
    }

    /** Removes "noun " (any case) from the end of b; returns whether b is then at a sentence start. */
    private static boolean dropTrailingNoun(StringBuilder b, String noun) {
        String tail = noun + " ";
        int from = b.length() - tail.length();
        if (from >= 0 && b.substring(from).toLowerCase(Locale.ROOT).equals(tail.toLowerCase(Locale.ROOT))
                && (from == 0 || b.charAt(from - 1) == ' ' || b.charAt(from - 1) == '(')) {
            b.setLength(from);
        }
        String s = b.toString().stripTrailing();
        return s.isEmpty() || s.endsWith(".") || s.endsWith(":");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
