package dev.metakube.command;

import java.util.List;

/**
 * The verdict on one {@code kubectl} invocation.
 *
 * @param command     the invocation as written, from {@code kubectl} to the end of its pipeline segment
 * @param verb        the verb ({@code get}, {@code rollout restart}...); empty when there is none
 * @param resource    the resource kind in canonical plural form ({@code pods}); empty when none applies
 * @param valid       whether the verb, the resource kind and every flag exist
 * @param problems    what is wrong, one line each; empty when valid
 * @param destructive whether it deletes, drains, evicts or forces something
 * @param why         why it is destructive; empty when it is not
 */
public record CommandCheck(String command, String verb, String resource, boolean valid, List<String> problems,
                           boolean destructive, String why) {
    public CommandCheck {
        problems = List.copyOf(problems);
    }
}
