package org.glance4j.jdbc;

import java.nio.file.Path;
import org.glance4j.ports.out.ImageVerificationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The verification results on a real SQLite file. */
class SqliteImageVerificationRecordsTest extends ImageVerificationRecordsContract {
    @TempDir
    Path directory;

    private JdbcRepositories repositories;

    @Override
    protected ImageVerificationRepository repository() {
        repositories = JdbcRepositories.open(JdbcSettings.sqlite(directory.resolve("verify.sqlite"), 4));
        return repositories.verifications();
    }

    @AfterEach
    void close() {
        if (repositories != null) {
            repositories.close();
        }
    }
}
