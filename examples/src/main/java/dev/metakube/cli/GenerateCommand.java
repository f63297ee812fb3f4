package dev.metakube.cli;

import dev.metakube.api.Category;
import dev.metakube.eval.ProgressBar;
import dev.metakube.scenario.GeneratedScenario;
import dev.metakube.scenario.ScenarioGenerator;
import dev.metakube.scenario.ScenarioJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metakube generate --count N --seed S --out FILE.jsonl}: writes generated evaluation scenarios in the
 * paper's category mix. The same count and seed always give the same file, byte for byte.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate evaluation scenarios (JSON Lines) in the paper's category mix.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "1873", paramLabel = "N",
            description = "how many scenarios (default: ${DEFAULT-VALUE}, the paper's benchmark size)")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write, JSON Lines")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || count > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--count must be between 1 and 1000000, was " + count);
        }
        ScenarioGenerator generator = new ScenarioGenerator(seed);
        List<GeneratedScenario> scenarios = generator.generate(count,
                ProgressBar.stage(ProgressBar.onTerminal(spec.commandLine().getErr(), count), "generate", 0));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
            ScenarioJson.write(scenarios, o);
        }
        StringJoiner mix = new StringJoiner(", ");
        Map<Category, Integer> counts = ScenarioGenerator.mix(count);
        Map<Category, Integer> faults = generator.faultCounts();
        counts.forEach((c, n) -> mix.add(c.label() + " " + n + " (" + faults.get(c) + " faults)"));
        spec.commandLine().getOut().println("wrote " + count + " scenarios to " + out + ": " + mix);
        return 0;
    }
}
