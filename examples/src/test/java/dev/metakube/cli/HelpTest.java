package dev.metakube.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every registered command answers {@code --help} with its usage and exit 0, whatever it otherwise requires. */
class HelpTest {
    static Stream<String> commands() {
        return new CommandLine(new Main()).getSubcommands().keySet().stream().filter(n -> !n.equals("help"));
    }

    @Test
    void everyCommandIsListed() {
        List<String> names = commands().toList();
        assertTrue(names.size() >= 8, names.toString());
        Cli help = Cli.run("--help");
        assertEquals(0, help.exit, help.toString());
        for (String name : names) {
            assertTrue(help.out.contains(name), name + " missing from " + help);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void answersHelp(String command) {
        for (String flag : List.of("--help", "-h")) {
            Cli r = Cli.run(command, flag);
            assertEquals(0, r.exit, command + " " + flag + ": " + r);
            assertTrue(r.out.contains("Usage: metakube " + command), r.toString());
            assertFalse(r.err.contains("Missing required"), r.toString());
        }
        Cli viaHelp = Cli.run("help", command);
        assertEquals(0, viaHelp.exit, viaHelp.toString());
        assertTrue(viaHelp.out.contains("Usage: metakube " + command), viaHelp.toString());
    }
}
