package dev.metakube.cli;

import dev.metakube.api.Category;
import dev.metakube.api.Feedback;
import dev.metakube.api.FeedbackReceipt;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Outcome;
import dev.metakube.api.Verdict;
import dev.metakube.engine.MetaKube;
import dev.metakube.incident.IncidentFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metakube feedback FILE --category C --cause TEXT [--fix TEXT]}: records how an incident was resolved,
 * so that the next similar incident is diagnosed from this experience.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true, description = "Record how an incident was really resolved; MetaKube learns from it.")
final class FeedbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the incident file that was diagnosed, or - for stdin")
    String file;

    @Option(names = "--category", required = true, description = "the true category: resource, network, scheduling, image, configuration, system")
    String category;

    @Option(names = "--cause", required = true, description = "the true root cause, one statement")
    String cause;

    @Option(names = "--fix", description = "what resolved it (commands welcome)")
    String fix = "";

    @Option(names = "--tried", description = "something tried that did not work (repeatable)")
    List<String> tried = new ArrayList<>();

    @Option(names = "--verdict", description = "was MetaKube's diagnosis right: correct, partial, incorrect (default: incorrect)")
    String verdict = "incorrect";

    @Option(names = "--outcome", description = "resolved, mitigated or unresolved (default: resolved)")
    String outcome = "resolved";

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (cause.isBlank()) {
            throw new InvalidInputException("--cause", "must not be empty");
        }
        IncidentFiles.Read read = IncidentFiles.read(file, System.in);
        Feedback.Builder fb = Feedback.builder().incident(read.incident()).verdict(verdict(verdict))
                .trueCause(Category.parse(category), cause.strip()).resolution(fix).outcome(outcome(outcome));
        for (String t : tried) {
            fb.attempt(t, false);
        }
        if (!fix.isBlank()) {
            fb.attempt(fix, true);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (MetaKube mk = engine.open()) {
            FeedbackReceipt r = mk.feedback(fb.build());
            out.println("Recorded episode " + r.episodeId() + " (" + mk.stats().memory().episodes() + " episodes in memory)");
            for (String n : r.notes()) {
                if (!n.contains("unknown to this engine")) {
                    out.println("Note: " + n);
                }
            }
        }
        return 0;
    }

    private static Verdict verdict(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "correct":
                return Verdict.CORRECT;
            case "partial":
            case "partially_correct":
                return Verdict.PARTIALLY_CORRECT;
            case "incorrect":
            case "wrong":
                return Verdict.INCORRECT;
            default:
                throw new InvalidInputException("--verdict", "unknown verdict '" + s + "'; expected correct, partial or incorrect");
        }
    }

    private static Outcome outcome(String s) {
        try {
            return Outcome.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--outcome", "unknown outcome '" + s + "'; expected resolved, mitigated or unresolved");
        }
    }
}
