package org.glance4j.jdbc;

import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.testing.metadef.MetadefRepositoryContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadef repository contract on a real PostgreSQL server that the test starts itself. One database for the
 * class; before each test the metadef tables are emptied.
 */
class PostgresMetadefRepositoryContractTest extends MetadefRepositoryContractTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected MetadefRepository createRepository() {
        if (repositories == null) {
            JdbcSettings settings = POSTGRES.server().newDatabase(8);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> handle.execute("TRUNCATE metadef_namespace_resource_types, metadef_tags,"
                + " metadef_properties, metadef_objects, metadef_resource_types, metadef_namespaces"));
        return repositories.metadefs();
    }

    @AfterAll
    static void close() {
        if (repositories != null) {
            repositories.close();
            repositories = null;
        }
    }
}
