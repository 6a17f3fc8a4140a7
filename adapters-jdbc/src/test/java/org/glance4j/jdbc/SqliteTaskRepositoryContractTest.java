package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.TaskRepository;
import org.glance4j.ports.testing.task.TaskRepositoryContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The task repository contract on a real SQLite file, a new one for every test. */
class SqliteTaskRepositoryContractTest extends TaskRepositoryContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected TaskRepository createRepository() {
        JdbcRepositories repositories =
                JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("tasks-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.tasks();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
