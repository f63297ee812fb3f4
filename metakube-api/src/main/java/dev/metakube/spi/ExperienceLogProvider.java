package dev.metakube.spi;

/**
 * Creates the {@link ExperienceLog} named by {@link ExperienceLog#STORE}. Listed in
 * {@code META-INF/services/dev.metakube.spi.ExperienceLogProvider}; a provider is available only for the
 * locations it understands (for instance {@code jdbc:postgresql:}).
 */
public interface ExperienceLogProvider extends Provider<ExperienceLog> {
}
