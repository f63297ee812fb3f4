package dev.metakube.spi;

/**
 * What happened after a routing decision.
 *
 * @param decision           the decision
 * @param fastAnswerCorrect  whether the intuitive candidate (taken or not) turned out right
 * @param latencyNanos       how long the diagnosis took
 */
public record RouteOutcome(RouteDecision decision, boolean fastAnswerCorrect, long latencyNanos) {
    public RouteOutcome {
        if (decision == null) {
            throw new dev.metakube.api.InvalidInputException("outcome.decision", "must be given");
        }
    }
}
