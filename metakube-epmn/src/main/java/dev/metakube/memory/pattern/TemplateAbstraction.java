package dev.metakube.memory.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A pattern's canonical text abstracted over the texts of its members (paper Algorithm 1: a pattern's strategy is
 * what its episodes share). Episodes remember their causes as templates whose slots ({@code {secret}},
 * {@code {workload}}...) stand for the values of their own incident; an incident whose evidence did not name a value
 * leaves it concrete. Where members say the same thing word for word except at some places, those places are the
 * instance, not the fault: the canonical text takes the slot that a member has there, or a generic
 * {@code {value}} slot where every member has a concrete word, so that no member's value reaches another
 * incident. Texts that differ in length or in most words are different statements and are left alone.
 */
final class TemplateAbstraction {
    /** At most this share of the words may differ for two texts to be the same statement. */
    static final double MAX_DIFFERENT = 0.34;
    /** The slot of a place where members name different values and none has a typed slot. */
    static final String GENERIC_SLOT = "{value}";
    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("\\{[a-z]+[0-9]?}");
    private static final java.util.regex.Pattern TRAILING = java.util.regex.Pattern.compile("^(.*?)([.,;:)'\"]*)$");

    private TemplateAbstraction() {
    }

    /**
     * The {@code canonical} text with every place where another variant of the same statement differs made a slot.
     *
     * @param canonical the majority text of the pattern's members
     * @param variants  every member text with its count ({@code canonical} among them)
     */
    static String over(String canonical, Map<String, Double> variants) {
        String[] words = canonical.split(" ", -1);
        String[] out = words.clone();
        boolean changed = false;
        for (String other : variants.keySet()) {
            if (other.equals(canonical)) {
                continue;
            }
            String[] o = other.split(" ", -1);
            if (o.length != words.length) {
                continue;
            }
            List<Integer> differ = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                if (!words[i].equals(o[i])) {
                    differ.add(i);
                }
            }
            if (differ.isEmpty() || differ.size() > MAX_DIFFERENT * words.length) {
                continue;
            }
            for (int i : differ) {
                String merged = merge(out[i], o[i]);
                if (merged != null) {
                    out[i] = merged;
                    changed = true;
                }
            }
        }
        return changed ? String.join(" ", out) : canonical;
    }

    /** One place where two members differ: the slot either has, else the generic slot; punctuation kept. */
    private static String merge(String mine, String theirs) {
        Matcher a = TRAILING.matcher(mine);
        Matcher b = TRAILING.matcher(theirs);
        if (!a.matches() || !b.matches() || !a.group(2).equals(b.group(2))) {
            return null;
        }
        String core = a.group(1);
        if (SLOT.matcher(core).find()) {
            return null;
        }
        String replacement = SLOT.matcher(b.group(1)).find() ? b.group(1) : GENERIC_SLOT;
        return replacement + a.group(2);
    }
}
