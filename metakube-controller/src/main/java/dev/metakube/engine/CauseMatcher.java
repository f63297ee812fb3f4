package dev.metakube.engine;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Decides whether two root-cause statements name the same cause (token overlap of content words). */
final class CauseMatcher {
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "to", "in", "on", "for", "and", "or",
            "is", "are", "was", "its", "it", "by", "with", "so", "that", "at", "from", "be", "not", "no", "as",
            "this", "their", "which", "into");

    private CauseMatcher() {
    }

    static boolean same(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        Set<String> inter = new HashSet<>(x);
        inter.retainAll(y);
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        return (double) inter.size() / union.size() >= 0.5;
    }

    static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
