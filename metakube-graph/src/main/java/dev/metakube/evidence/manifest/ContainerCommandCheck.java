package dev.metakube.evidence.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container's own command does: a program name that is a misspelling of a common tool (no such executable
 * is in the image, so the container exits 127 at once), and an inline script that appends to memory in an endless
 * loop and never frees it (a leak by construction: it grows until its memory limit OOM-kills it).
 */
public final class ContainerCommandCheck implements ManifestCheck {
    /** Tools a container command commonly starts; a name one edit away from one of these is a typo. */
    private static final List<String> COMMON_TOOLS = List.of("wget", "curl", "bash", "python", "python3", "node",
            "java", "sleep", "echo", "nginx", "ruby", "perl", "printf", "stress");
    /** Real programs that are one edit away from a common tool and must not be taken for typos. */
    private static final Set<String> REAL_PROGRAMS = Set.of("dash", "ash", "zsh", "ksh", "csh", "tcsh", "sh",
            "python2", "pythonw", "nodejs", "javac", "javaw", "jruby", "perl5", "stress-ng", "curlie", "wget2",
            "nginx-debug", "rubyw", "sleepy", "echo2");
    /** An endless loop in a shell, Python, JavaScript, Go-like or C-like script. */
    private static final Pattern ENDLESS = Pattern.compile(
            "\\bwhile\\s+(?:True|true|1|:)\\s*[:;]|\\bwhile\\s*\\(\\s*(?:true|1)\\s*\\)|\\bfor\\s*\\(\\s*;\\s*;\\s*\\)"
                    + "|\\bsetInterval\\s*\\(|\\bfor\\s*\\{");
    /** A statement that adds to a collection or grows a string or buffer. */
    private static final Pattern GROWS = Pattern.compile(
            "[\\w\\]\\)]\\.(?:append|push|extend|add|put)\\s*\\(|\\b\\w+\\s*\\+=\\s*(?:[\"'\\[(]|\\w+\\s*\\*)"
                    + "|\\b\\w+\\s*=\\s*append\\s*\\(");
    /** A statement that leaves the loop or frees what was added. */
    private static final Pattern RELEASES = Pattern.compile(
            "\\bbreak\\b|\\breturn\\b|\\bexit\\b|\\.(?:clear|pop|shift|popleft|remove)\\s*\\(|\\bdel\\s|\\w+\\s*=\\s*\\[\\s*\\]");

    @Override
    public Set<String> keys() {
        return Set.of("command-misspelled", "command-memory-unbounded");
    }

    @Override
    public List<Finding> check(ManifestSet set) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : set.workloads()) {
            for (Container c : w.allContainers()) {
                List<String> command = ManifestSet.list(c.getCommand());
                List<String> args = ManifestSet.list(c.getArgs());
                misspelled(w, c, command.isEmpty() ? args : command, out);
                unbounded(w, c, String.join("\n", command) + "\n" + String.join("\n", args), out);
            }
        }
        return out;
    }

    /** The program the container starts, or the first program of an {@code sh -c} script, against common tools. */
    private static void misspelled(Workload w, Container c, List<String> argv, List<Finding> out) {
        if (argv.isEmpty()) {
            return;
        }
        String program = Selectors.nz(argv.get(0)).strip();
        if (program.endsWith("sh") && argv.size() > 2 && "-c".equals(argv.get(1))) {
            String script = Selectors.nz(argv.get(2)).strip();
            int end = 0;
            while (end < script.length() && !Character.isWhitespace(script.charAt(end))
                    && ";&|".indexOf(script.charAt(end)) < 0) {
                end++;
            }
            program = script.substring(0, end);
        }
        String intended = intended(program);
        if (intended == null) {
            return;
        }
        String image = Selectors.nz(c.getImage());
        out.add(Finding.of("command-misspelled", w.ref(), "container " + c.getName() + " of " + w.title()
                + " runs command '" + program + "', a misspelled '" + intended + "': no program '" + program
                + "' exists in " + (image.isEmpty() ? "the image" : "image " + image) + ", so the container exits at"
                + " start (exit code 127, executable file not found in $PATH)", true, "container", c.getName(),
                "command", program, "intended", intended, "image", image.isEmpty() ? null : image,
                "workload", w.ref(), "namespace", w.namespace()));
    }

    /** The common tool that {@code program} misspells, or null when it is a real or unrelated name. */
    static String intended(String program) {
        if (program.length() < 3 || program.length() > 16 || !program.chars().allMatch(
                ch -> ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_')
                || REAL_PROGRAMS.contains(program) || COMMON_TOOLS.contains(program)) {
            return null;
        }
        for (String tool : COMMON_TOOLS) {
            if (tool.length() >= 4 && oneEditApart(program, tool)) {
                return tool;
            }
        }
        return null;
    }

    /** Whether one insertion, deletion, substitution or swap of neighbours turns {@code a} into {@code b}. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return la < lb ? a.substring(i).equals(b.substring(i + 1)) : a.substring(i + 1).equals(b.substring(i));
    }

    /** An inline script that adds to memory in an endless loop and never leaves it or frees what it added. */
    private static void unbounded(Workload w, Container c, String script, List<Finding> out) {
        Matcher loop = ENDLESS.matcher(script);
        if (!loop.find()) {
            return;
        }
        String body = script.substring(loop.end());
        Matcher grow = GROWS.matcher(body);
        if (!grow.find() || RELEASES.matcher(body).find()) {
            return;
        }
        String statement = line(body, grow.start());
        Quantity limit = c.getResources() == null ? null
                : ManifestSet.map(c.getResources().getLimits()).get("memory");
        String until = limit == null
                ? "until the node runs short of memory (it has no memory limit)"
                : "until it reaches its " + limit + " memory limit and is OOM-killed";
        out.add(Finding.of("command-memory-unbounded", w.ref(), "container " + c.getName() + " of " + w.title()
                + " runs a script that keeps adding to memory in an endless loop and never frees it ('" + statement
                + "'): a memory leak, its memory grows without bound " + until, true, "container", c.getName(),
                "limit", limit == null ? null : limit.toString(), "workload", w.ref(), "namespace", w.namespace()));
    }

    private static String line(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        String s = text.substring(start, end < 0 ? text.length() : end).strip();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
