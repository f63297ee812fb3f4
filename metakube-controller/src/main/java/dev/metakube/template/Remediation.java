package dev.metakube.template;

import dev.metakube.api.RemediationStep;
import dev.metakube.command.CommandChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a remembered resolution (free text with embedded commands) into remediation steps. */
final class Remediation {
    /** A kubectl/helm command up to the end of the line, a semicolon or a closing backtick; linear time. */
    private static final Pattern COMMAND = Pattern.compile("`?((?:kubectl|helm|crictl|systemctl|etcdctl|kubeadm)\\s[^`;\\n]{1,300})`?");

    private Remediation() {
    }

    static List<RemediationStep> fromText(String resolution) {
        List<RemediationStep> steps = new ArrayList<>();
        if (resolution == null || resolution.isBlank()) {
            return steps;
        }
        Matcher m = COMMAND.matcher(resolution);
        List<String> commands = new ArrayList<>();
        while (m.find() && commands.size() < 6) {
            commands.add(m.group(1).trim().replaceAll("[.,]+$", ""));
        }
        String prose = COMMAND.matcher(resolution).replaceAll("").replaceAll("\\s*\\(\\s*\\)", "")
                .replaceAll("\\s{2,}", " ").trim();
        if (prose.isEmpty()) {
            prose = "Apply the fix that resolved the remembered incident";
        }
        if (commands.isEmpty()) {
            steps.add(new RemediationStep(prose, "", false));
        } else {
            for (int i = 0; i < commands.size(); i++) {
                String c = commands.get(i);
                steps.add(new RemediationStep(i == 0 ? prose : "Then run", c, CommandChecker.isDestructive(c)));
            }
        }
        return steps;
    }

}
