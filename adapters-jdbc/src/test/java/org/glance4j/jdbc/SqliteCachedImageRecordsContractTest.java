package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.cache.CachedImageRecords;
import org.glance4j.ports.testing.CachedImageRecordsContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The image cache records contract on a real SQLite file, a new one for every test. */
class SqliteCachedImageRecordsContractTest extends CachedImageRecordsContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected CachedImageRecords createRecords() {
        JdbcRepositories repositories = JdbcRepositories.open(
                JdbcSettings.sqlite(directory.resolve("cache-records-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.cacheRecords();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
