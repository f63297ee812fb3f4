package dev.metakube.template;

import dev.metakube.api.RemediationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognises commands a person should review before running: those that delete, drain, evict, replace or
 * force something. Every diagnosis the engine returns has such steps marked, whatever model wrote it.
 */
public final class CommandSafety {
    private static final String[] DESTRUCTIVE = {" delete ", " drain ", "--force", " evict", " replace ",
        "--grace-period=0", " rm ", " reset ", " uninstall ", " taint ", " scale --replicas=0 ",
        "--replicas=0", " defrag", " snapshot restore ", " member remove ", " mkfs", " fsck"};

    private CommandSafety() {
    }

    /** Whether {@code command} deletes, drains, evicts, replaces or forces something. */
    public static boolean isDestructive(String command) {
        if (command == null || command.isBlank()) {
            return false;
        }
        String c = " " + command.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
        for (String d : DESTRUCTIVE) {
            if (c.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** The steps with every destructive command marked as such. */
    public static List<RemediationStep> marked(List<RemediationStep> steps) {
        List<RemediationStep> out = new ArrayList<>(steps.size());
        for (RemediationStep s : steps) {
            out.add(!s.destructive() && isDestructive(s.command())
                    ? new RemediationStep(s.action(), s.command(), true) : s);
        }
        return out;
    }
}
