package dev.metakube.evidence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick automaton over lower-cased phrases (A. Aho, M. Corasick, "Efficient string matching", CACM 1975):
 * finds every occurrence of every phrase in one pass, O(text length + matches), whatever the number of phrases.
 * Immutable after construction, so thread-safe.
 */
final class PhraseAutomaton {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final int[] fail;
    private final List<int[]> output = new ArrayList<>();
    private final int phraseCount;
    /** The full transition function over ASCII (a DFA): {@code delta[state * 128 + c]}. */
    private final int[] delta;
    private final int[][] outputs;

    /** Builds the automaton; phrase {@code i} is reported as {@code i}. Phrases are matched case-insensitively. */
    PhraseAutomaton(List<String> phrases) {
        this.phraseCount = phrases.size();
        next.add(new HashMap<>());
        output.add(new int[0]);
        for (int p = 0; p < phrases.size(); p++) {
            String phrase = phrases.get(p);
            int state = 0;
            for (int i = 0; i < phrase.length(); i++) {
                char c = Character.toLowerCase(phrase.charAt(i));
                Integer to = next.get(state).get(c);
                if (to == null) {
                    to = next.size();
                    next.add(new HashMap<>());
                    output.add(new int[0]);
                    next.get(state).put(c, to);
                }
                state = to;
            }
            int[] out = output.get(state);
            int[] grown = Arrays.copyOf(out, out.length + 1);
            grown[out.length] = p;
            output.set(state, grown);
        }
        fail = new int[next.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(0).values()) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (Map.Entry<Character, Integer> e : next.get(s).entrySet()) {
                int child = e.getValue();
                queue.add(child);
                int f = fail[s];
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail[f];
                }
                Integer to = next.get(f).get(e.getKey());
                fail[child] = to != null && to != child ? to : 0;
                int[] inherited = output.get(fail[child]);
                if (inherited.length > 0) {
                    int[] own = output.get(child);
                    int[] merged = Arrays.copyOf(own, own.length + inherited.length);
                    System.arraycopy(inherited, 0, merged, own.length, inherited.length);
                    output.set(child, merged);
                }
            }
        }
        outputs = output.toArray(new int[0][]);
        delta = new int[next.size() * ASCII];
        ArrayDeque<Integer> order = new ArrayDeque<>();
        order.add(0);
        while (!order.isEmpty()) {
            int s = order.poll();
            for (int c = 0; c < ASCII; c++) {
                Integer to = next.get(s).get((char) c);
                if (to != null) {
                    delta[s * ASCII + c] = to;
                    order.add(to);
                } else {
                    delta[s * ASCII + c] = s == 0 ? 0 : delta[fail[s] * ASCII + c];
                }
            }
        }
        // the target's row offset, negated when the target reports phrases: the scan loop then touches one array
        for (int i = 0; i < delta.length; i++) {
            int to = delta[i];
            delta[i] = outputs[to].length > 0 ? -(to * ASCII) - 1 : to * ASCII;
        }
    }

    private static final int ASCII = 128;

    /** Number of phrases. */
    int size() {
        return phraseCount;
    }

    /** Receives the phrases found: the phrase index and the position just after its last character. */
    interface Sink {
        void found(int phrase, int end);
    }

    /** Reports every occurrence of every phrase in {@code text}, left to right. */
    void scan(String text, Sink sink) {
        int row = 0;
        final int[] d = delta;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            int to = c < ASCII ? d[row + c] : 0;
            if (to < 0) {
                row = -to - 1;
                for (int p : outputs[row / ASCII]) {
                    sink.found(p, i + 1);
                }
            } else {
                row = to;
            }
        }
    }

    /** Marks in {@code found} every phrase that occurs in {@code text}; returns whether any did. */
    boolean scan(String text, boolean[] found) {
        boolean[] any = {false};
        scan(text, (p, end) -> {
            found[p] = true;
            any[0] = true;
        });
        return any[0];
    }
}
