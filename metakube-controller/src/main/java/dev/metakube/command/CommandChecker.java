package dev.metakube.command;

import dev.metakube.api.RemediationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses and checks the {@code kubectl} commands in remediation text.
 *
 * <p>Text is split into shell commands at {@code |}, {@code ||}, {@code &&} and {@code ;} outside quotes, with
 * {@code #} comments dropped; each command whose program is {@code kubectl} is checked: the verb and its
 * subcommand exist, the resource kind exists (short names, plurals and group-qualified custom resources
 * accepted), every flag is one {@code kubectl} takes for that verb, and a verb that needs a target has one.
 * Placeholders such as {@code <pod>} or {@code {namespace}} count as well-formed arguments. Everything runs in
 * one linear pass per command.
 *
 * <pre>{@code
 * CommandCheck c = CommandChecker.check("kubectl delete ns payments").get(0);
 * c.valid();        // true
 * c.destructive();  // true: deletes a namespace and everything in it
 * }</pre>
 */
public final class CommandChecker {
    private static final Set<String> WRAPPERS = Set.of("sudo", "watch", "time", "env", "xargs");

    private CommandChecker() {
    }

    /** Checks every {@code kubectl} invocation in {@code text}; other programs are skipped. */
    public static List<CommandCheck> check(String text) {
        List<CommandCheck> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (List<String> tokens : ShellWords.commands(text)) {
            int i = 0;
            while (i < tokens.size() && (WRAPPERS.contains(tokens.get(i)) || isAssignment(tokens.get(i)))) {
                i++;
            }
            if (i < tokens.size() && isKubectl(tokens.get(i))) {
                out.add(checkOne(tokens.subList(i, tokens.size())));
            }
        }
        return out;
    }

    /**
     * Why {@code text} destroys something a person should review first, from the first command that does: a
     * {@code kubectl} invocation judged by the grammar (deleting, draining, a NoExecute taint, scaling to zero,
     * forcing), or another program's destructive subcommand ({@code rm}, {@code mkfs}, {@code helm uninstall},
     * {@code kubeadm reset}, {@code etcdctl defrag}...). Empty when nothing in it is destructive.
     */
    public static String destructive(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        for (List<String> tokens : ShellWords.commands(text)) {
            int i = 0;
            while (i < tokens.size() && (WRAPPERS.contains(tokens.get(i)) || isAssignment(tokens.get(i)))) {
                i++;
            }
            List<String> words = tokens.subList(i, tokens.size());
            String why = words.isEmpty() ? "" : isKubectl(words.get(0)) ? checkOne(words).why()
                    : OtherPrograms.destructive(words);
            if (!why.isEmpty()) {
                return why;
            }
        }
        return "";
    }

    /** Whether {@code text} holds a destructive command ({@link #destructive(String)} is not empty). */
    public static boolean isDestructive(String text) {
        return !destructive(text).isEmpty();
    }

    /** The same steps, with {@code destructive} set on every step whose command the checker finds destructive. */
    public static List<RemediationStep> flagDestructive(List<RemediationStep> steps) {
        List<RemediationStep> out = new ArrayList<>(steps.size());
        for (RemediationStep s : steps) {
            boolean destructive = s.destructive() || isDestructive(s.command());
            out.add(destructive == s.destructive() ? s : new RemediationStep(s.action(), s.command(), true));
        }
        return out;
    }

    private static boolean isKubectl(String program) {
        return program.equals("kubectl") || program.endsWith("/kubectl") || program.equals("kubectl.exe");
    }

    private static boolean isAssignment(String token) {
        int eq = token.indexOf('=');
        return eq > 0 && token.substring(0, eq).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                && !token.startsWith("-");
    }

    private static CommandCheck checkOne(List<String> tokens) {
        String command = String.join(" ", tokens);
        List<String> problems = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        List<String[]> flags = new ArrayList<>();
        // first pass: the verb, so flags can be checked against it
        String verb = "";
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("-")) {
                String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                if (!t.contains("=") && KubectlGrammar.GLOBAL_FLAGS.contains(name)
                        && KubectlGrammar.takesValue("", name)) {
                    i++;
                }
                continue;
            }
            verb = t;
            break;
        }
        if (verb.isEmpty()) {
            return new CommandCheck(command, "", "", false, List.of("no verb"), false, "");
        }
        if (!KubectlGrammar.isVerb(verb)) {
            return new CommandCheck(command, verb, "", false, List.of("unknown verb '" + verb + "'"), false, "");
        }
        boolean afterDashDash = false;
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (afterDashDash) {
                continue; // the command run inside a container (exec, run, debug)
            }
            if (t.equals("--")) {
                afterDashDash = true;
                continue;
            }
            if (t.startsWith("-") && t.length() > 1 && !Placeholders.is(t)) {
                int eq = t.indexOf('=');
                String name = eq > 0 ? t.substring(0, eq) : t;
                String value = eq > 0 ? t.substring(eq + 1) : "";
                List<String> names = expandShort(verb, name);
                for (String n : names) {
                    if (!KubectlGrammar.flagAllowed(verb, n)) {
                        problems.add("unknown flag " + n + " for kubectl " + verb);
                    }
                }
                String last = names.get(names.size() - 1);
                if (eq < 0 && KubectlGrammar.takesValue(verb, last)) {
                    if (i + 1 < tokens.size()) {
                        value = tokens.get(++i);
                    } else {
                        problems.add("flag " + last + " needs a value");
                    }
                }
                for (String n : names) {
                    flags.add(new String[] {n, value});
                }
                continue;
            }
            positional.add(t);
        }
        positional.remove(0); // the verb
        String resource = checkTarget(verb, positional, flags, problems);
        String why = destructive(verb, resource, positional, flags);
        return new CommandCheck(command, verb, resource == null ? "" : resource, problems.isEmpty(), problems,
                !why.isEmpty(), why);
    }

    private static List<String> expandShort(String verb, String name) {
        if (name.startsWith("--") || name.length() <= 2 || KubectlGrammar.flagAllowed(verb, name)) {
            return List.of(name);
        }
        List<String> out = new ArrayList<>();
        for (char c : name.substring(1).toCharArray()) {
            out.add("-" + c);
        }
        return out;
    }

    private static String checkTarget(String verb, List<String> args, List<String[]> flags, List<String> problems) {
        boolean fromFile = has(flags, "-f", "--filename", "-k", "--kustomize") && !verb.equals("logs");
        boolean bySelector = has(flags, "-l", "--selector", "--all", "-A", "--all-namespaces");
        Set<String> subs = KubectlGrammar.subcommands(verb);
        List<String> rest = args;
        if (subs != null && !(verb.equals("create") && fromFile)) {
            if (args.isEmpty()) {
                problems.add("kubectl " + verb + " needs one of " + sorted(subs));
                return "";
            }
            String sub = args.get(0);
            if (!subs.contains(sub) && !Placeholders.is(sub)) {
                problems.add("unknown subcommand '" + sub + "' for kubectl " + verb);
                return "";
            }
            if (verb.equals("top")) {
                return KubectlGrammar.canonicalKind(sub);
            }
            rest = args.subList(1, args.size());
            if (!verb.equals("rollout") && !verb.equals("set")) {
                String kind = KubectlGrammar.canonicalKind(sub);
                return kind == null ? "" : kind;
            }
        }
        switch (verb) {
            case "logs", "exec", "attach", "port-forward", "debug" -> {
                if (rest.isEmpty() && !bySelector) {
                    problems.add("kubectl " + verb + " needs a pod");
                    return "";
                }
                return rest.isEmpty() ? "pods" : typed(rest.get(0), "pods", problems);
            }
            case "cordon", "uncordon", "drain" -> {
                if (rest.isEmpty() && !bySelector) {
                    problems.add("kubectl " + verb + " needs a node");
                }
                return "nodes";
            }
            case "taint" -> {
                if (rest.isEmpty()) {
                    problems.add("kubectl taint needs nodes and a taint");
                    return "";
                }
                String first = rest.get(0);
                String kind = first.contains("/") ? kindOf(first) : KubectlGrammar.canonicalKind(first);
                if (!"nodes".equals(kind) && !Placeholders.is(rest.get(0))) {
                    problems.add("kubectl taint applies to nodes, not '" + rest.get(0) + "'");
                }
                return "nodes";
            }
            case "run" -> {
                if (rest.isEmpty()) {
                    problems.add("kubectl run needs a name");
                }
                if (!has(flags, "--image")) {
                    problems.add("kubectl run needs --image");
                }
                return "pods";
            }
            default -> {
                if (!KubectlGrammar.RESOURCE_VERBS.contains(verb)) {
                    return "";
                }
                if (rest.isEmpty()) {
                    if (!fromFile) {
                        problems.add("kubectl " + verb + (verb.equals("rollout") || verb.equals("set")
                                ? " " + args.get(0) : "") + " needs a resource");
                    }
                    return "";
                }
                String first = rest.get(0);
                if (Placeholders.is(first)) {
                    return "";
                }
                if (first.contains("/")) {
                    return typed(first, "", problems);
                }
                String canonical = "";
                for (String k : first.split(",", -1)) {
                    String c = k.contains("/") ? kindOf(k) : KubectlGrammar.canonicalKind(k);
                    if (c == null) {
                        problems.add("unknown resource kind '" + k + "'");
                    } else if (canonical.isEmpty()) {
                        canonical = c;
                    }
                }
                return canonical;
            }
        }
    }

    private static String typed(String arg, String bare, List<String> problems) {
        if (!arg.contains("/") || Placeholders.is(arg)) {
            return bare;
        }
        String kind = kindOf(arg);
        if (kind == null) {
            problems.add("unknown resource kind '" + arg.substring(0, arg.indexOf('/')) + "'");
            return "";
        }
        return kind;
    }

    private static String kindOf(String typeSlashName) {
        String type = typeSlashName.substring(0, typeSlashName.indexOf('/'));
        return Placeholders.is(type) ? "" : KubectlGrammar.canonicalKind(type);
    }

    private static String destructive(String verb, String resource, List<String> args, List<String[]> flags) {
        boolean force = has(flags, "--force");
        String grace = value(flags, "--grace-period");
        switch (verb) {
            case "delete" -> {
                String base = switch (resource == null ? "" : resource) {
                    case "namespaces" -> "deletes a namespace and every object in it";
                    case "persistentvolumeclaims", "persistentvolumes" -> "deletes a volume and possibly its data";
                    case "customresourcedefinitions" -> "deletes a CRD and every custom object of it";
                    case "nodes" -> "removes a node from the cluster";
                    case "secrets", "configmaps" -> "deletes configuration a workload may need";
                    default -> "deletes " + (resource == null || resource.isEmpty() ? "objects" : resource);
                };
                if (has(flags, "--all", "-A", "--all-namespaces")) {
                    base += " (all of them)";
                }
                return force || "0".equals(grace) ? base + ", forced without graceful termination" : base;
            }
            case "drain" -> {
                return "evicts every pod from the node" + (force ? ", forcing unmanaged pods" : "");
            }
            case "taint" -> {
                for (String a : args) {
                    if (a.endsWith(":NoExecute")) {
                        return "a NoExecute taint evicts running pods";
                    }
                }
                return "";
            }
            case "scale" -> {
                return "0".equals(value(flags, "--replicas")) ? "scales the workload to zero" : "";
            }
            case "replace", "apply" -> {
                return force ? "deletes and recreates the object (--force)" : "";
            }
            default -> {
                return force ? "forces the operation (--force)" : "";
            }
        }
    }

    private static boolean has(List<String[]> flags, String... names) {
        for (String[] f : flags) {
            for (String n : names) {
                if (f[0].equals(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String value(List<String[]> flags, String name) {
        for (String[] f : flags) {
            if (f[0].equals(name)) {
                return f[1].toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().filter(x -> !x.startsWith("-")).sorted().toList());
    }
}
