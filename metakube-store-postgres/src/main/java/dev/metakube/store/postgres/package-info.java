/**
 * Shared, durable experience on PostgreSQL: {@link dev.metakube.store.postgres.PostgresExperienceLogProvider}
 * gives engines an {@link dev.metakube.spi.ExperienceLog} that several instances append to and follow
 * ({@code LISTEN/NOTIFY}, then a catch-up read by sequence number).
 */
package dev.metakube.store.postgres;
