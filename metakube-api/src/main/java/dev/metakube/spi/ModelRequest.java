package dev.metakube.spi;

import dev.metakube.api.CausalChain;
import dev.metakube.api.Hypothesis;
import dev.metakube.api.Incident;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Pathway;
import dev.metakube.api.Signal;
import java.util.List;

/**
 * What a {@link DiagnosticModel} is given.
 *
 * @param mode               the pathway: intuitive (memories only) or analytical (memories and chains)
 * @param incident           the redacted, bounded incident
 * @param signals            its signals
 * @param memories           recalled memories, best first, each with the engine's confidence that its cause is
 *                           right
 * @param chains             causal chains, best first; empty in the intuitive mode
 * @param intuitiveCandidate in the analytical mode, the intuitive pathway's candidate (null otherwise); the
 *                           answer must list it among its hypotheses (paper 3.2.3)
 * @param contextTokens      the context budget of the model, in tokens
 */
public record ModelRequest(Pathway mode, Incident incident, List<Signal> signals, List<RecalledMemory> memories,
                           List<CausalChain> chains, Hypothesis intuitiveCandidate, int contextTokens) {
    public ModelRequest {
        if (mode == null) {
            throw new InvalidInputException("request.mode", "must be given");
        }
        if (incident == null) {
            throw new InvalidInputException("request.incident", "must be given");
        }
        signals = signals == null ? List.of() : List.copyOf(signals);
        memories = memories == null ? List.of() : List.copyOf(memories);
        chains = chains == null ? List.of() : List.copyOf(chains);
    }
}
