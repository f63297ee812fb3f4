package dev.metakube.cli;

import dev.metakube.api.InvalidInputException;
import dev.metakube.api.MetaKubeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code metakube} command line. Exit codes: 0 success, 2 bad input (one line naming the problem),
 * 1 any other failure.
 */
@Command(name = "metakube", mixinStandardHelpOptions = true, version = "metakube 0.1.0",
        description = "Diagnoses Kubernetes failures and learns from how they were resolved.",
        subcommands = {
            DiagnoseCommand.class,
            ScanCommand.class,
            FeedbackCommand.class,
            EvalCommand.class,
            GenerateCommand.class,
            StatsCommand.class,
            IngestCommand.class,
            ExportSftCommand.class,
            MergeLoraCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Keep the CLI's own logging quiet unless asked; library logs go through SLF4J.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // DJL warns about CUDA probing on every CPU-only start; that is not news to a CLI user.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("metakube: " + ex.getMessage());
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                err.println("metakube: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof MetaKubeException) {
                err.println("metakube: " + oneLine(ex.getMessage()));
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
