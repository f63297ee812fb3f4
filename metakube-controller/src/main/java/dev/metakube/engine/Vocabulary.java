package dev.metakube.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of Kubernetes failures as the bundled experience writes them: the words a cause may use without
 * naming anything of one incident. A learned cause is an operator's sentence about one incident; a word of it that
 * is neither in this vocabulary nor in the incident being diagnosed is a name from elsewhere (a program, a
 * component, a product), which the answer must not carry. Loaded once; immutable.
 */
final class Vocabulary {
    static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    /** Common English function words and verbs that operators write in causes and the experience may lack. */
    private static final Set<String> ENGLISH = Set.of("a", "an", "as", "at", "be", "by", "do", "if", "in", "is", "it",
            "no", "not", "of", "on", "or", "so", "to", "up", "we", "our", "us", "you", "your", "also", "after",
            "before", "because", "but", "only", "once", "still", "then", "than", "when", "where", "while", "which",
            "who", "why", "how", "what", "all", "any", "each", "every", "both", "either", "neither", "other", "another",
            "same", "such", "own", "its", "their", "there", "these", "those", "this", "that", "into", "onto", "over",
            "under", "again", "already", "always", "never", "ever", "yet", "just", "even", "though", "although",
            "whether", "via", "per", "among", "between", "without", "within", "instead", "rather", "since", "until",
            "ca", "ip", "os", "io", "db", "vm", "id", "ui", "tls", "ssl", "dns", "tcp", "udp", "api", "cpu", "gpu",
            "ram", "url", "uri", "uid", "gid", "pid", "jvm", "ssh", "sql", "yaml", "json", "http", "https", "cli",
            "sdk", "arm", "amd", "rpc", "grpc", "csi", "cni", "cri", "oidc", "ldap", "sso", "jwt", "mtu", "nat",
            "vpc", "iam", "ebs", "efs", "nfs", "acl", "lb", "alb", "nlb", "elb", "cdn", "fqdn");
    private static final Set<String> WORDS = load();

    private Vocabulary() {
    }

    /** Whether {@code word} (any case, an inflected form too) is a word of the vocabulary. */
    static boolean knows(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (WORDS.contains(w) || ENGLISH.contains(w)) {
            return true;
        }
        for (String suffix : new String[] {"s", "es", "ed", "d", "ing", "ly", "er", "ers"}) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                String stem = w.substring(0, w.length() - suffix.length());
                if (WORDS.contains(stem) || WORDS.contains(stem + "e")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lower-case words of {@code text}. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Set<String> load() {
        try (InputStream in = Vocabulary.class.getResourceAsStream(SeedExperience.RESOURCE)) {
            if (in == null) {
                return Set.of();
            }
            return Set.copyOf(words(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // without the vocabulary every rare word counts as a name: stricter, never wrong about foreign names
            return Set.of();
        }
    }
}
