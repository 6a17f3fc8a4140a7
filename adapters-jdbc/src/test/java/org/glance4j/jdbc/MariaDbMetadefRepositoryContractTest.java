package org.glance4j.jdbc;

import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.testing.metadef.MetadefRepositoryContractTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metadef repository contract on a real MariaDB server that the test starts itself. One database for the
 * class; before each test the metadef tables are emptied.
 */
class MariaDbMetadefRepositoryContractTest extends MetadefRepositoryContractTest {
    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static JdbcRepositories repositories;
    private static Jdbi direct;

    @Override
    protected MetadefRepository createRepository() {
        if (repositories == null) {
            JdbcSettings settings = MARIADB.server().newDatabase(8);
            repositories = JdbcRepositories.open(settings);
            direct = Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password());
        }
        direct.useHandle(handle -> {
            for (String table : new String[] {
                "metadef_namespace_resource_types",
                "metadef_tags",
                "metadef_properties",
                "metadef_objects",
                "metadef_resource_types",
                "metadef_namespaces"
            }) {
                handle.execute("DELETE FROM " + table);
            }
        });
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
