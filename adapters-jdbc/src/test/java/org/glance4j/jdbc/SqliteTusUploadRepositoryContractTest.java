package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.tus.TusUploadRepository;
import org.glance4j.ports.testing.TusUploadRepositoryContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The tus upload records contract on a real SQLite file, a new one for every test. */
class SqliteTusUploadRepositoryContractTest extends TusUploadRepositoryContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected TusUploadRepository createRepository() {
        JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("tus-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.tusUploads();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
