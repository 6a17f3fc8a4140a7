package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.testing.ImageRepositoryContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on a real SQLite file, a new one for every test. */
class SqliteImageRepositoryContractTest extends ImageRepositoryContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected Repositories createRepositories() {
        Path file = directory.resolve("glance-" + opened.size() + ".sqlite");
        JdbcRepositories repositories = JdbcRepositories.open(JdbcSettings.sqlite(file, 4));
        opened.add(repositories);
        return new Repositories(repositories.images(), repositories.members());
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
