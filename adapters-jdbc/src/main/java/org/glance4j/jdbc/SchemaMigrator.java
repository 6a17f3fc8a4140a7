package org.glance4j.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glance4j.ports.model.Cancellation;
import org.jdbi.v3.core.Handle;

/**
 * Brings a database to the newest schema this build knows, one numbered migration at a time, and records each in
 * {@code schema_version}. Running it again does nothing. Two processes may run it at once: the whole check-and-apply
 * happens in one write transaction under a database-wide lock (PostgreSQL: an advisory transaction lock; SQLite: the
 * write lock that {@code BEGIN IMMEDIATE} takes; MariaDB: a named lock, {@code GET_LOCK}, held by the session), so the
 * second one waits and then finds nothing left to do.
 *
 * <p>MariaDB commits every schema statement at once, so there a migration interrupted half-way (a killed process, a
 * lost server) is not undone: the next start fails on the first table that already exists, and the operator finishes
 * or drops that migration's tables by hand. The scripts are small, so the window is short.
 */
final class SchemaMigrator {
    /** An arbitrary constant naming glance4j's migration lock among PostgreSQL advisory locks. */
    private static final long POSTGRES_LOCK_KEY = 0x6731_346A_6D69_6701L;
    /** The name of the migration lock on MariaDB; named locks are server-wide, so it names the database too. */
    private static final String MARIADB_LOCK_NAME = "glance4j-schema-migration";
    /** How long a MariaDB migration waits for another process's, in seconds. */
    private static final int MARIADB_LOCK_WAIT_SECONDS = 600;

    /** Every migration, in order. Append only: a released migration never changes. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "images, properties, tags and members", "V001__images.sql"),
            new Migration(2, "image locations", "V002__image_locations.sql"),
            new Migration(3, "metadata definitions catalog", "V003__metadefs.sql"),
            new Migration(4, "tasks", "V004__tasks.sql"),
            new Migration(5, "node leases", "V005__node_leases.sql"),
            new Migration(6, "shared node settings", "V006__shared_node_settings.sql"),
            // Version 7 was never released (the PostgreSQL work needed no schema step).
            new Migration(8, "image cache records", "V008__image_cache.sql"),
            new Migration(9, "image visibility index", "V009__image_visibility_index.sql"),
            new Migration(10, "image verification results", "V010__image_verifications.sql"),
            new Migration(11, "resumable uploads", "V011__tus_uploads.sql"));

    /**
     * One schema step: a script under {@code org/glance4j/jdbc/migrations/}, shared by SQLite and PostgreSQL, and
     * MariaDB's spelling of it in {@code migrations/mariadb/}.
     */
    record Migration(int version, String description, String script) {}

    private final Database database;

    SchemaMigrator(Database database) {
        this.database = database;
    }

    /**
     * Whether the schema is at the newest version this glance4j knows, so that nothing would be migrated; false
     * when the database holds no glance4j schema yet or an older one. Reads only.
     */
    boolean isCurrent() {
        int newest = MIGRATIONS.get(MIGRATIONS.size() - 1).version();
        try {
            return database.read(Cancellation.never(), SchemaMigrator::currentVersion) == newest;
        } catch (RuntimeException e) {
            return false; // no schema_version table: no glance4j schema yet
        }
    }

    /** Applies the missing migrations and returns the schema version now in force. */
    int migrate() {
        return database.write(handle -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                // A migration of a big table, or the wait for another process's migration, may take longer than
                // the statement timeout that guards the API's statements.
                handle.execute("SET LOCAL statement_timeout = 0");
                handle.createQuery("SELECT pg_advisory_xact_lock(?)")
                        .bind(0, POSTGRES_LOCK_KEY)
                        .map((rs, ctx) -> Boolean.TRUE)
                        .one();
            }
            if (database.dialect() == Dialect.MARIADB) {
                return underMariaDbLock(handle);
            }
            return migrateLocked(handle);
        });
    }

    /**
     * MariaDB: the session's named lock, released before the connection goes back to the pool, and no statement
     * timeout meanwhile (the session's own is put back).
     */
    private int underMariaDbLock(Handle handle) {
        String lock = MARIADB_LOCK_NAME + ":"
                + handle.createQuery("SELECT DATABASE()").mapTo(String.class).one();
        lock = lock.substring(0, Math.min(lock.length(), 64)); // the longest name GET_LOCK takes
        String timeout = handle.createQuery("SELECT @@max_statement_time")
                .mapTo(String.class)
                .one();
        handle.execute("SET max_statement_time = 0");
        try {
            Integer locked = handle.createQuery("SELECT GET_LOCK(?, ?)")
                    .bind(0, lock)
                    .bind(1, MARIADB_LOCK_WAIT_SECONDS)
                    .mapTo(Integer.class)
                    .one();
            if (locked == null || locked != 1) {
                throw new IllegalStateException("another glance4j has been migrating the database schema for "
                        + MARIADB_LOCK_WAIT_SECONDS + " s; try again when it is done");
            }
            try {
                int version = migrateLocked(handle);
                // Commit the new schema_version rows while holding the lock, so the next holder sees them.
                handle.execute("COMMIT");
                return version;
            } finally {
                handle.createQuery("SELECT RELEASE_LOCK(?)")
                        .bind(0, lock)
                        .mapTo(Integer.class)
                        .one();
            }
        } finally {
            handle.execute("SET max_statement_time = " + Double.parseDouble(timeout));
        }
    }

    private int migrateLocked(Handle handle) {
        handle.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + " version INTEGER NOT NULL PRIMARY KEY,"
                + " description VARCHAR(255) NOT NULL,"
                + " applied_at BIGINT NOT NULL)"
                + (database.dialect() == Dialect.MARIADB
                        ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin"
                        : ""));
        int current = currentVersion(handle);
        int newest = MIGRATIONS.get(MIGRATIONS.size() - 1).version();
        if (current > newest) {
            throw new IllegalStateException("the database schema is at version " + current
                    + ", newer than this glance4j knows (" + newest + "); use a newer glance4j");
        }
        for (Migration migration : MIGRATIONS) {
            if (migration.version() > current) {
                apply(handle, migration);
                current = migration.version();
            }
        }
        return current;
    }

    private static int currentVersion(Handle handle) {
        Optional<Integer> version = handle.createQuery("SELECT MAX(version) FROM schema_version")
                .mapTo(Integer.class)
                .findOne();
        return version.orElse(0);
    }

    private void apply(Handle handle, Migration migration) {
        for (String statement : statements(
                database.dialect().migrationFolder() + migration.script(),
                database.dialect().schemaPlaceholders())) {
            handle.execute(statement);
        }
        handle.createUpdate("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")
                .bind(0, migration.version())
                .bind(1, migration.description())
                .bind(2, System.currentTimeMillis())
                .execute();
    }

    /** The statements of a script: comments dropped, placeholders replaced, split at semicolons ending a line. */
    static List<String> statements(String script, Map<String, String> placeholders) {
        String text = load(script);
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace(placeholder.getKey(), placeholder.getValue());
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration " + script + " ends without a semicolon");
        }
        return statements;
    }

    private static String load(String script) {
        String resource = "migrations/" + script;
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
