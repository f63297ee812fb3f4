package dev.metakube.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of an engine and its backends. Defaults are the paper's (appendix A.3); build one with
 * {@link #builder()} or start from {@link #defaults()}.
 *
 * @param dataDir            where memory and learned knowledge are kept; {@code null} keeps everything in memory
 * @param poolSize           the episode pool size (5,000)
 * @param similarityThreshold θ_sim, the cosine above which episodes join a pattern (0.85)
 * @param minPatternMembers  θ_pattern, the members a cluster needs to become a pattern (3)
 * @param topK               K, memories recalled per query (10)
 * @param recencyScale       τ_r of the recency factor {@code exp(−Δt/τ_r)} (30 days)
 * @param maxHops            the graph search depth (3)
 * @param alphaPrior         α1, weight of the memory prior in graph search (0.5)
 * @param alphaPath          α2, weight of the path score (0.3)
 * @param alphaNovelty       α3, weight of novelty (0.2)
 * @param initialThreshold   τ0, the router's initial threshold on the trust score (0.75)
 * @param metaLearningRate   η_meta (0.01)
 * @param errorWeight        ξ, the weight of error against latency in the threshold loss (0.6)
 * @param contextTokens      the model's context budget in tokens (8,192)
 * @param seedExperience     whether an empty memory is seeded with the bundled experience
 * @param providers          provider names chosen by configuration, keyed by SPI
 *                           ({@code memory, graph, model, router, embedder}); absent means "highest priority"
 * @param properties         backend-specific settings, e.g. {@code metakube.model.dir}
 */
public record MetaKubeConfig(Path dataDir, int poolSize, double similarityThreshold, int minPatternMembers, int topK,
                             Duration recencyScale, int maxHops, double alphaPrior, double alphaPath,
                             double alphaNovelty, double initialThreshold, double metaLearningRate,
                             double errorWeight, int contextTokens, boolean seedExperience,
                             Map<String, String> providers, Map<String, String> properties) {

    /** Keys of {@link #providers()}. */
    public static final String MEMORY = "memory";
    public static final String GRAPH = "graph";
    public static final String MODEL = "model";
    public static final String ROUTER = "router";
    public static final String EMBEDDER = "embedder";
    public static final String ANALYZER = "analyzer";

    /**
     * Property: σ_sim of the similarity factor {@code exp(−(1 − cos)/σ_sim)}, a positive number, default 0.1
     * ({@link #similarityScale()}).
     */
    public static final String SIMILARITY_SCALE = "metakube.memory.similarityScale";
    /**
     * The default σ_sim: a memory at cosine 0.95 keeps 61% of the factor, one at 0.85 keeps 22%. Sentence
     * embedders put unrelated texts of one domain at cosine 0.7-0.85, so a scale near 1 (the raw cosine) ranks
     * a same-namespace memory of another fault above the same fault seen elsewhere.
     */
    private static final double DEFAULT_SIMILARITY_SCALE = 0.1;

    public MetaKubeConfig {
        Require.positive(poolSize, "config.poolSize");
        if (!(similarityThreshold > 0 && similarityThreshold < 1)) {
            throw new InvalidInputException("config.similarityThreshold", "must be in (0, 1), was "
                    + similarityThreshold);
        }
        Require.positive(minPatternMembers, "config.minPatternMembers");
        Require.positive(topK, "config.topK");
        if (recencyScale == null || recencyScale.isNegative() || recencyScale.isZero()) {
            throw new InvalidInputException("config.recencyScale", "must be a positive duration");
        }
        if (maxHops < 1 || maxHops > 6) {
            throw new InvalidInputException("config.maxHops", "must be in [1, 6], was " + maxHops);
        }
        Require.unit(alphaPrior, "config.alphaPrior");
        Require.unit(alphaPath, "config.alphaPath");
        Require.unit(alphaNovelty, "config.alphaNovelty");
        Require.unit(initialThreshold, "config.initialThreshold");
        Require.unit(metaLearningRate, "config.metaLearningRate");
        Require.unit(errorWeight, "config.errorWeight");
        if (contextTokens < 512) {
            throw new InvalidInputException("config.contextTokens", "must be at least 512, was " + contextTokens);
        }
        providers = Require.map(providers, "config.providers");
        for (String key : providers.keySet()) {
            if (!key.equals(MEMORY) && !key.equals(GRAPH) && !key.equals(MODEL) && !key.equals(ROUTER)
                    && !key.equals(EMBEDDER) && !key.equals(ANALYZER)) {
                throw new InvalidInputException("config.providers", "unknown SPI '" + key
                        + "'; expected memory, graph, model, router, embedder or analyzer");
            }
        }
        properties = Require.map(properties, "config.properties");
    }

    /** The paper's defaults, in memory, seeded with the bundled experience. */
    public static MetaKubeConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.poolSize = poolSize;
        b.similarityThreshold = similarityThreshold;
        b.minPatternMembers = minPatternMembers;
        b.topK = topK;
        b.recencyScale = recencyScale;
        b.maxHops = maxHops;
        b.alphaPrior = alphaPrior;
        b.alphaPath = alphaPath;
        b.alphaNovelty = alphaNovelty;
        b.initialThreshold = initialThreshold;
        b.metaLearningRate = metaLearningRate;
        b.errorWeight = errorWeight;
        b.contextTokens = contextTokens;
        b.seedExperience = seedExperience;
        b.providers.putAll(providers);
        b.properties.putAll(properties);
        return b;
    }

    /** The provider name configured for an SPI key, if any. */
    public Optional<String> provider(String spi) {
        return Optional.ofNullable(providers.get(spi));
    }

    /** A backend-specific property, if set. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * A whole-number property, at least {@code min}; {@code fallback} when unset.
     *
     * @throws InvalidInputException naming the key and the value when it is not a whole number or below {@code min}
     */
    public int intProperty(String key, int fallback, int min) {
        return intProperty(key, fallback, min, Integer.MAX_VALUE);
    }

    /**
     * A whole-number property in {@code [min, max]}; {@code fallback} when unset.
     *
     * @throws InvalidInputException naming the key and the value when it is not a whole number in range
     */
    public int intProperty(String key, int fallback, int min, int max) {
        String v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be a whole number" + range(min, max) + ", was '" + v + "'", e);
        }
        if (n < min || n > max) {
            throw new InvalidInputException(key, "must be a whole number" + range(min, max) + ", was '" + v + "'");
        }
        return n;
    }

    /**
     * A number property in {@code [min, max]}; {@code fallback} when unset.
     *
     * @throws InvalidInputException naming the key and the value when it is not a number in range
     */
    public double doubleProperty(String key, double fallback, double min, double max) {
        String v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, "must be " + range(min, max) + ", was '" + v + "'", e);
        }
        if (!(d >= min && d <= max)) {
            throw new InvalidInputException(key, "must be " + range(min, max) + ", was '" + v + "'");
        }
        return d;
    }

    /**
     * σ_sim, how sharply the similarity factor {@code exp(−(1 − cos)/σ_sim)} falls with the cosine distance: the
     * property {@value #SIMILARITY_SCALE}, default 0.1. The memory store ranks with it and the engine computes the
     * router's similarity factor with it.
     *
     * @throws InvalidInputException naming the key and the value when it is not a positive number
     */
    public double similarityScale() {
        return doubleProperty(SIMILARITY_SCALE, DEFAULT_SIMILARITY_SCALE, Double.MIN_VALUE, Double.MAX_VALUE);
    }

    /**
     * A property that is {@code true} or {@code false} (any case); {@code fallback} when unset.
     *
     * @throws InvalidInputException naming the key and the value when it is neither
     */
    public boolean booleanProperty(String key, boolean fallback) {
        String v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        String t = v.strip();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidInputException(key, "must be true or false, was '" + v + "'");
    }

    private static String range(double min, double max) {
        if (max == Double.MAX_VALUE) {
            return min == Double.MIN_VALUE ? "a positive number" : "a number of at least " + min;
        }
        return "a number in [" + min + ", " + max + "]";
    }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return min == Integer.MIN_VALUE ? "" : " of at least " + min;
        }
        return " from " + min + " to " + max;
    }

    /** Builds a {@link MetaKubeConfig}; every default lives here. */
    public static final class Builder {
        private Path dataDir;
        private int poolSize = 5_000;
        private double similarityThreshold = 0.85;
        private int minPatternMembers = 3;
        private int topK = 10;
        private Duration recencyScale = Duration.ofDays(30);
        private int maxHops = 3;
        private double alphaPrior = 0.5;
        private double alphaPath = 0.3;
        private double alphaNovelty = 0.2;
        private double initialThreshold = 0.75;
        private double metaLearningRate = 0.01;
        private double errorWeight = 0.6;
        private int contextTokens = 8_192;
        private boolean seedExperience = true;
        private final Map<String, String> providers = new HashMap<>();
        private final Map<String, String> properties = new HashMap<>();

        private Builder() {
        }

        /** Keeps memory and learned knowledge in {@code dir}; {@code null} keeps them in memory only. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder poolSize(int n) {
            this.poolSize = n;
            return this;
        }

        public Builder similarityThreshold(double v) {
            this.similarityThreshold = v;
            return this;
        }

        public Builder minPatternMembers(int n) {
            this.minPatternMembers = n;
            return this;
        }

        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        public Builder recencyScale(Duration d) {
            this.recencyScale = d;
            return this;
        }

        public Builder maxHops(int hops) {
            this.maxHops = hops;
            return this;
        }

        public Builder alpha(double prior, double path, double novelty) {
            this.alphaPrior = prior;
            this.alphaPath = path;
            this.alphaNovelty = novelty;
            return this;
        }

        public Builder initialThreshold(double tau) {
            this.initialThreshold = tau;
            return this;
        }

        public Builder metaLearningRate(double eta) {
            this.metaLearningRate = eta;
            return this;
        }

        public Builder errorWeight(double xi) {
            this.errorWeight = xi;
            return this;
        }

        public Builder contextTokens(int tokens) {
            this.contextTokens = tokens;
            return this;
        }

        public Builder seedExperience(boolean seed) {
            this.seedExperience = seed;
            return this;
        }

        /** Chooses a provider by name for an SPI key ({@code memory, graph, model, router, embedder}). */
        public Builder provider(String spi, String name) {
            this.providers.put(spi, name);
            return this;
        }

        public Builder property(String key, String value) {
            this.properties.put(key, value);
            return this;
        }

        public MetaKubeConfig build() {
            return new MetaKubeConfig(dataDir, poolSize, similarityThreshold, minPatternMembers, topK, recencyScale,
                    maxHops, alphaPrior, alphaPath, alphaNovelty, initialThreshold, metaLearningRate, errorWeight,
                    contextTokens, seedExperience, providers, properties);
        }
    }
}
