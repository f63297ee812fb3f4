package dev.metakube.graph;

import dev.metakube.api.MetaKubeConfig;
import java.nio.file.Path;

/**
 * KubeGraph's settings, read from a {@link MetaKubeConfig} in one place.
 *
 * @param dir          where learned knowledge is kept; null in memory
 * @param alphaPrior   α1, weight of the memory prior in the search (eq. 5)
 * @param alphaPath    α2, weight of the path score
 * @param alphaNovelty α3, weight of novelty
 * @param maxHops      the deepest search allowed, whatever an exploration asks
 */
record GraphSettings(Path dir, double alphaPrior, double alphaPath, double alphaNovelty, int maxHops) {
    static GraphSettings from(MetaKubeConfig c) {
        return new GraphSettings(c.dataDir() == null ? null : c.dataDir().resolve("graph"), c.alphaPrior(),
                c.alphaPath(), c.alphaNovelty(), c.maxHops());
    }
}
