package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.metadef.MetadefRepository;
import org.glance4j.ports.testing.metadef.MetadefRepositoryContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The metadef repository contract on a real SQLite file, a new one for every test. */
class SqliteMetadefRepositoryContractTest extends MetadefRepositoryContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected MetadefRepository createRepository() {
        JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("glance-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.metadefs();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
