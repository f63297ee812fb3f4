package dev.metakube.api;

import java.time.Instant;
import java.util.List;

/**
 * A cluster of similar episodes abstracted into a reusable pattern (paper Algorithm 1, eq. 12).
 *
 * @param id          unique id
 * @param category    the category most of its members have
 * @param rootCause   the root cause most of its members have
 * @param resolution  the canonical strategy: the resolution that worked most often
 * @param signalKeys  the symptom keys common to its members
 * @param members     how many episodes it abstracts
 * @param variance    mean squared distance of the members to the centroid
 * @param reliability posterior mean of its success rate, in [0, 1], decayed with age
 * @param updated     when it last changed
 */
public record Pattern(String id, Category category, String rootCause, String resolution, List<String> signalKeys,
                      int members, double variance, double reliability, Instant updated) implements Memory {
    public Pattern {
        id = Require.text(id, "pattern.id");
        category = Require.nonNull(category, "pattern.category");
        rootCause = Require.text(rootCause, "pattern.rootCause");
        resolution = Require.orEmpty(resolution);
        signalKeys = Require.list(signalKeys, "pattern.signalKeys");
        Require.positive(members, "pattern.members");
        variance = Require.finite(variance, "pattern.variance");
        reliability = Require.unit(reliability, "pattern.reliability");
        updated = Require.nonNull(updated, "pattern.updated");
    }
}
