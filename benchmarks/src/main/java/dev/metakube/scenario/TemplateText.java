package dev.metakube.scenario;

import java.util.Map;
import java.util.Random;

/**
 * Fills a fault template: {@code ${name}} is replaced by a variable, {@code [[a|b|c]]} by one of its
 * alternatives chosen with the scenario's random source. Choices are resolved before variables, so an
 * alternative may contain variables. Scanning is a single linear pass; there are no regular expressions.
 */
final class TemplateText {
    private TemplateText() {
    }

    /**
     * Renders a template.
     *
     * @throws IllegalStateException naming the template when a variable is unknown or a bracket is unclosed
     */
    static String render(String template, Map<String, String> vars, Random random) {
        return substitute(choose(template, random), vars, template);
    }

    private static String choose(String template, Random random) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("[[", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf("]]", open + 2);
            if (close < 0) {
                throw new IllegalStateException("unclosed [[ in template: " + abbreviate(template));
            }
            out.append(template, i, open);
            String[] options = template.substring(open + 2, close).split("\\|", -1);
            out.append(options[random.nextInt(options.length)]);
            i = close + 2;
        }
        return out.toString();
    }

    private static String substitute(String text, Map<String, String> vars, String template) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new IllegalStateException("unclosed ${ in template: " + abbreviate(template));
            }
            String name = text.substring(open + 2, close);
            String value = vars.get(name);
            if (value == null) {
                throw new IllegalStateException("unknown variable ${" + name + "} in template: "
                        + abbreviate(template));
            }
            out.append(text, i, open).append(value);
            i = close + 1;
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
