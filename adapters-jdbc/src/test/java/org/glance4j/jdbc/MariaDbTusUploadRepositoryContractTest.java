package org.glance4j.jdbc;

import org.glance4j.ports.out.tus.TusUploadRepository;
import org.glance4j.ports.testing.TusUploadRepositoryContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tus upload records contract on a real MariaDB server the test starts; the table is emptied per test. */
class MariaDbTusUploadRepositoryContractTest extends TusUploadRepositoryContractTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected TusUploadRepository createRepository() {
        if (repositories == null) {
            JdbcSettings settings = MARIADB.server().newDatabase(4);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("DELETE FROM tus_uploads"));
        return repositories.tusUploads();
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
