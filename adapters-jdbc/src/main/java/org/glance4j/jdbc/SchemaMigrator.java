package org.glance4j.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * Brings a database to the newest schema this build knows, one numbered migration at a time, and records each in
 * {@code schema_version}. Running it again does nothing. Two processes may run it at once: the whole check-and-apply
 * happens in one write transaction under a database-wide lock (PostgreSQL: an advisory transaction lock; SQLite: the
 * write lock that {@code BEGIN IMMEDIATE} takes), so the second one waits and then finds nothing left to do.
 */
final class SchemaMigrator {
    /** An arbitrary constant naming glance4j's migration lock among PostgreSQL advisory locks. */
    private static final long POSTGRES_LOCK_KEY = 0x6731_346A_6D69_6701L;

    /** Every migration, in order. Append only: a released migration never changes. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "images, properties, tags and members", "V001__images.sql"),
            new Migration(2, "image locations", "V002__image_locations.sql"),
            new Migration(3, "metadata definitions catalog", "V003__metadefs.sql"),
            new Migration(4, "tasks", "V004__tasks.sql"));

    /** One schema step: a script under {@code org/glance4j/jdbc/migrations/}. */
    record Migration(int version, String description, String script) {
    }

    private final Database database;

    SchemaMigrator(Database database) {
        this.database = database;
    }

    /** Applies the missing migrations and returns the schema version now in force. */
    int migrate() {
        return database.write(handle -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                // A migration of a big table, or the wait for another process's migration, may take longer than
                // the statement timeout that guards the API's statements.
                handle.execute("SET LOCAL statement_timeout = 0");
                handle.createQuery("SELECT pg_advisory_xact_lock(?)").bind(0, POSTGRES_LOCK_KEY)
                        .map((rs, ctx) -> Boolean.TRUE).one();
            }
            handle.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(255) NOT NULL,"
                    + " applied_at BIGINT NOT NULL)");
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
        });
    }

    private static int currentVersion(Handle handle) {
        Optional<Integer> version = handle.createQuery("SELECT MAX(version) FROM schema_version")
                .mapTo(Integer.class).findOne();
        return version.orElse(0);
    }

    private void apply(Handle handle, Migration migration) {
        for (String statement : statements(migration.script(), database.dialect().schemaPlaceholders())) {
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
