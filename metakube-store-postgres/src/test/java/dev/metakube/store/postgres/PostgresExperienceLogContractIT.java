package dev.metakube.store.postgres;

import dev.metakube.contract.ExperienceLogContract;
import dev.metakube.spi.ExperienceLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL log keeps the contract of every {@link ExperienceLog}: each test on a fresh database. */
class PostgresExperienceLogContractIT extends ExperienceLogContract {
    @RegisterExtension
    static final PostgresServerExtension PG = new PostgresServerExtension();

    private String url;

    @BeforeEach
    void freshDatabase() {
        url = PG.freshDatabase();
    }

    @Override
    protected ExperienceLog openLog() {
        return new PostgresExperienceLogProvider().create(PostgresExperienceLogIT.config(url, PG.server().password()));
    }
}
