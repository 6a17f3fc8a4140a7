package org.glance4j.jdbc;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * Looks at a database before glance4j opens its pools or creates anything in it, and refuses one that holds another
 * application's tables where glance4j's would go: above all OpenStack Glance's own database, which operators reach by
 * keeping the {@code [database] connection} of their glance-api.conf. Only reads the catalog (SQLite: a read-only
 * connection, nothing at all for a file that does not exist yet), so the database is left exactly as it was.
 */
final class ForeignSchemaGuard {
    /** The tables glance4j creates; {@code schema_version} marks a database as glance4j's. */
    private static final Set<String> GLANCE4J_TABLES = Set.of(
            "images",
            "image_properties",
            "image_tags",
            "image_members",
            "image_locations",
            "metadef_namespaces",
            "metadef_objects",
            "metadef_properties",
            "metadef_tags",
            "metadef_resource_types",
            "metadef_namespace_resource_types",
            "tasks");

    private static final String OWN_MARKER = "schema_version";

    private ForeignSchemaGuard() {}

    /**
     * Refuses a database that has no glance4j schema but tables glance4j would create.
     *
     * @throws ForeignSchemaException naming what was found and what to do instead
     */
    static void check(JdbcSettings settings) {
        Dialect dialect = Dialect.of(settings.jdbcUrl());
        if (dialect == Dialect.SQLITE && sqliteFile(settings.jdbcUrl()) == null) {
            return;
        }
        Set<String> tables;
        Set<String> imageColumns;
        try (Connection connection = connect(dialect, settings)) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = dialect == Dialect.POSTGRESQL ? connection.getSchema() : null;
            // MariaDB's driver calls a database a catalog: the one of the URL.
            String catalog = dialect == Dialect.MARIADB ? connection.getCatalog() : null;
            tables = names(meta.getTables(catalog, schema, "%", new String[] {"TABLE"}), "TABLE_NAME");
            imageColumns = tables.contains("images")
                    ? names(meta.getColumns(catalog, schema, "images", "%"), "COLUMN_NAME")
                    : Set.of();
        } catch (SQLException e) {
            return; // the pool reports an unreachable database in its own words
        }
        if (tables.contains(OWN_MARKER)) {
            return;
        }
        String where = dialect == Dialect.SQLITE
                ? "the SQLite file " + sqliteFile(settings.jdbcUrl())
                : "the database " + withoutQuery(settings.jdbcUrl());
        if (tables.contains("alembic_version") && imageColumns.contains("deleted")) {
            throw new ForeignSchemaException(where + " holds an OpenStack Glance schema (alembic_version, Glance's"
                    + " images table), not glance4j's; glance4j leaves it untouched: give glance4j a database of its"
                    + " own ([database] connection, or no connection for the SQLite file in --data-dir)");
        }
        Set<String> taken = new TreeSet<>(tables);
        taken.retainAll(GLANCE4J_TABLES);
        if (!taken.isEmpty()) {
            throw new ForeignSchemaException(where + " already has tables that glance4j did not create ("
                    + String.join(", ", taken) + "); glance4j leaves them untouched: give glance4j a database of its"
                    + " own ([database] connection, or no connection for the SQLite file in --data-dir)");
        }
    }

    private static Connection connect(Dialect dialect, JdbcSettings settings) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            return config.createConnection("jdbc:sqlite:" + sqliteFile(settings.jdbcUrl()));
        }
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** The file of a SQLite URL when it exists and is not empty; null otherwise (nothing there to look at). */
    static Path sqliteFile(String jdbcUrl) {
        String path = withoutQuery(jdbcUrl.substring("jdbc:sqlite:".length()));
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return null;
        }
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file) && Files.size(file) > 0 ? file : null;
        } catch (InvalidPathException | java.io.IOException e) {
            return null;
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static Set<String> names(ResultSet rows, String column) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (rows) {
            while (rows.next()) {
                names.add(rows.getString(column).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** A database that holds someone else's tables where glance4j's would go. */
    static final class ForeignSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ForeignSchemaException(String message) {
            super(message);
        }
    }
}
