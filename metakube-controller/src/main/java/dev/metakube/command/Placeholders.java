package dev.metakube.command;

/** Recognises placeholders in commands written for a person to fill in: {@code <pod>}, {@code {namespace}}. */
final class Placeholders {
    private Placeholders() {
    }

    static boolean is(String token) {
        return token.indexOf('<') >= 0 && token.indexOf('>') > token.indexOf('<')
                || token.indexOf('{') >= 0 && token.indexOf('}') > token.indexOf('{')
                || token.equals("...") || token.startsWith("$");
    }
}
