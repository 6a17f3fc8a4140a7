package org.glance4j.jdbc;

import java.time.Instant;
import org.glance4j.ports.model.Image;

/**
 * Run in a separate JVM by {@link SchemaMigrationTest}: opens (and so migrates) the SQLite file named by the first
 * argument, stores an image with the id given second, and prints the schema version.
 */
public final class OpenDatabaseInChildProcess {
    private OpenDatabaseInChildProcess() {}

    public static void main(String[] args) {
        try (JdbcRepositories repositories = JdbcRepositories.open(new JdbcSettings(args[0], null, null, 2))) {
            repositories.images().add(Image.builder(args[1], Instant.now()).build());
            System.out.println("schema version " + repositories.schemaVersion());
        }
    }
}
