package dev.metakube.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the programs a remediation uses beside {@code kubectl} do that cannot be undone: removing files,
 * formatting or repairing file systems, uninstalling Helm releases, resetting a kubeadm node, restoring or
 * shrinking etcd. Judged by the program and its subcommand, never by words inside names.
 */
final class OtherPrograms {
    /** Program to the subcommands (first argument that is not a flag) that destroy something; empty: any use. */
    private static final Map<String, Map<String, String>> DESTRUCTIVE = Map.of(
            "rm", Map.of("", "removes files"),
            "fsck", Map.of("", "repairs a file system in place"),
            "helm", Map.of("uninstall", "uninstalls a release and its objects", "delete",
                    "uninstalls a release and its objects", "rollback", ""),
            "kubeadm", Map.of("reset", "resets the node's Kubernetes state"),
            "etcdctl", Map.of("defrag", "defragments etcd, blocking its writes", "snapshot",
                    "restores etcd from a snapshot", "member", "changes etcd's membership", "del",
                    "deletes keys from etcd"),
            "crictl", Map.of("rm", "removes containers", "rmi", "removes images", "rmp", "removes pod sandboxes"));

    private OtherPrograms() {
    }

    /** Why {@code words} (a command, program first) destroys something; empty when it does not. */
    static String destructive(List<String> words) {
        if (words.isEmpty()) {
            return "";
        }
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (program.startsWith("mkfs")) {
            return "formats a file system";
        }
        Map<String, String> subcommands = DESTRUCTIVE.get(program);
        if (subcommands == null) {
            return "";
        }
        String any = subcommands.get("");
        if (any != null) {
            return any;
        }
        String sub = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
        String why = subcommands.getOrDefault(sub.toLowerCase(Locale.ROOT), "");
        if (program.equals("etcdctl") && sub.equals("snapshot")) {
            return words.contains("restore") ? why : "";
        }
        if (program.equals("etcdctl") && sub.equals("member")) {
            return words.contains("remove") ? why : "";
        }
        return why;
    }
}
