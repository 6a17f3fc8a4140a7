package org.glance4j.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glance4j.ports.out.SharedNodeSettings;
import org.glance4j.ports.testing.SharedNodeSettingsContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The shared node settings contract on a real SQLite file, a new one for every test. */
class SqliteSharedNodeSettingsContractTest extends SharedNodeSettingsContractTest {
    @TempDir
    Path directory;

    private final List<JdbcRepositories> opened = new ArrayList<>();

    @Override
    protected SharedNodeSettings createSettings() {
        JdbcRepositories repositories = JdbcRepositories.open(
                JdbcSettings.sqlite(directory.resolve("settings-" + opened.size() + ".sqlite"), 4));
        opened.add(repositories);
        return repositories.sharedSettings();
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcRepositories::close);
    }
}
