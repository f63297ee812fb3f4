package dev.metakube.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell text into commands and words: single and double quotes, backslash escapes, {@code #} comments
 * at the start of a word, braces kept whole ({@code {a|b}} is one placeholder), and the separators {@code |},
 * {@code ||}, {@code &&}, {@code ;} and new lines. One linear pass; unbalanced quotes run to the end of the text.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<List<String>> commands(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int braces = 0; // placeholders such as {workload|deployment/<name>} are one word
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < n) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                char next = text.charAt(++i);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
                continue;
            }
            if (c == '#' && !inWord) {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '{') {
                braces++;
            } else if (c == '}' && braces > 0) {
                braces--;
            }
            if (c == '\n') {
                braces = 0;
            }
            if (braces == 0 && (c == '|' || c == ';' || c == '\n'
                    || c == '&' && i + 1 < n && text.charAt(i + 1) == '&')) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!words.isEmpty()) {
                    out.add(words);
                    words = new ArrayList<>();
                }
                if ((c == '|' || c == '&') && i + 1 < n && text.charAt(i + 1) == c) {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            word.append(c);
            inWord = true;
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            out.add(words);
        }
        return out;
    }
}
