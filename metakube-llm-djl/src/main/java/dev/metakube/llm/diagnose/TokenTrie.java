package dev.metakube.llm.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A choice among token sequences (enum values, structural alternatives): at each step the allowed tokens are the
 * children of the current node. No option may be a prefix of another.
 */
final class TokenTrie {
    private final Map<Integer, TokenTrie> children = new LinkedHashMap<>();
    private int option = -1;

    static TokenTrie of(List<int[]> options) {
        TokenTrie root = new TokenTrie();
        for (int i = 0; i < options.size(); i++) {
            TokenTrie node = root;
            for (int t : options.get(i)) {
                if (node.option >= 0) {
                    throw new IllegalArgumentException("option " + node.option + " is a prefix of option " + i);
                }
                node = node.children.computeIfAbsent(t, k -> new TokenTrie());
            }
            if (!node.children.isEmpty() || node.option >= 0) {
                throw new IllegalArgumentException("option " + i + " is a prefix of another option");
            }
            node.option = i;
        }
        return root;
    }

    int[] allowed() {
        int[] out = new int[children.size()];
        int i = 0;
        for (int t : children.keySet()) {
            out[i++] = t;
        }
        return out;
    }

    TokenTrie next(int token) {
        TokenTrie n = children.get(token);
        if (n == null) {
            throw new IllegalStateException("token " + token + " is not allowed here");
        }
        return n;
    }

    /** The most tokens any option below this node takes. */
    int depth() {
        int d = 0;
        for (TokenTrie c : children.values()) {
            d = Math.max(d, 1 + c.depth());
        }
        return d;
    }

    /** The option this node completes, or -1. */
    int option() {
        return option;
    }

    /** The tokens of the only path below this node, when the choice is already decided. */
    List<Integer> forcedSuffix() {
        List<Integer> out = new ArrayList<>();
        TokenTrie n = this;
        while (n.option < 0 && n.children.size() == 1) {
            Map.Entry<Integer, TokenTrie> e = n.children.entrySet().iterator().next();
            out.add(e.getKey());
            n = e.getValue();
        }
        return out;
    }
}
