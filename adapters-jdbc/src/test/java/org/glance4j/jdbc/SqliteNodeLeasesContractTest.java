package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.NodeLeases;
import org.glance4j.ports.testing.NodeLeasesContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The node leases contract on a real SQLite file, a new one for every test. */
class SqliteNodeLeasesContractTest extends NodeLeasesContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected NodeLeases createLeases() {
        JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("leases-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.leases();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
