package dev.metakube.store.postgres;

import dev.metakube.api.MetaKubeConfig;
import dev.metakube.spi.ExperienceLog;
import dev.metakube.spi.ExperienceLogProvider;

/**
 * Provides the shared experience log on PostgreSQL for locations {@code jdbc:postgresql://HOST:PORT/DATABASE}
 * set in {@link ExperienceLog#STORE}. Creating it connects and migrates the schema, so a store that cannot be
 * reached fails the engine's start with a message naming the location (never the password).
 */
public final class PostgresExperienceLogProvider implements ExperienceLogProvider {
    /** For {@link java.util.ServiceLoader}. */
    public PostgresExperienceLogProvider() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isAvailable(MetaKubeConfig config) {
        return StoreLocation.serves(config.property(ExperienceLog.STORE).orElse(null));
    }

    @Override
    public String requirement() {
        return ExperienceLog.STORE + " set to jdbc:postgresql://HOST:PORT/DATABASE";
    }

    @Override
    public ExperienceLog create(MetaKubeConfig config) {
        return PostgresExperienceLog.open(StoreLocation.of(config, System.getenv()));
    }
}
